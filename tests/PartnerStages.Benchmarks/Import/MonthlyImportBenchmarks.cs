using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Import;

namespace PartnerStages.Benchmarks.Import;

// A month's check-ins for a portfolio that already has its history: one new check-in for each of
// 10,000 partners, against a hand-written batched write of the same rows (the new assessments and
// stage changes inserted, the partners updated). The import also reads what the rules remember of
// every partner (its partner row, not its history). Each run starts from a copy of the same database.
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class MonthlyImportBenchmarks : IAlternatingBenchmark
{
    private static readonly Actor Importer = ImportBenchmarks.Importer;

    private string _folder = "";
    private string _template = "";
    private string _target = "";
    private ServiceProvider? _services;
    private byte[] _monthCsv = [];
    private TableRows _newAssessments = TableRows.Empty;
    private TableRows _newChanges = TableRows.Empty;
    private TableRows _partnersAfter = TableRows.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "partnerstages-monthly-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _template = Path.Combine(_folder, "template.db");
        await using (var source = await BenchmarkDatabase.OpenAsync(10_000))
        {
            await CheckpointAsync(source.ConnectionString);
            File.Copy(new SqliteConnectionStringBuilder(source.ConnectionString).DataSource, _template);
        }

        SqliteConnection.ClearAllPools();
        await using (var template = Open(_template))
        {
            await using var db = await template.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
            db.Users.Add(new ApplicationUser { Id = Importer.UserId, UserName = Importer.Name, Email = Importer.Name, DisplayName = "Importer" });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = Importer.UserId, RoleId = Roles.Administrator.ToLowerInvariant() });
            await db.SaveChangesAsync();
            _monthCsv = await MonthFileAsync(db);
        }

        await CheckpointAsync(Connection(_template));
        SqliteConnection.ClearAllPools();
        await RecordBaselineRowsAsync();
        Console.WriteLine($"// {_newAssessments.Rows.Count} new check-ins ({_monthCsv.Length:N0} bytes of CSV), {_newChanges.Rows.Count} stage changes, " +
            $"{_partnersAfter.Rows.Count} partners updated");
    }

    [IterationSetup]
    public void FreshCopy()
    {
        _target = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(_template, _target);
        _services = Open(_target);
    }

    [IterationCleanup]
    public void DropCopy()
    {
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_target);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("HandWrittenBatchedWrite", 1, () => new ValueTask(HandWrittenBatchedWrite())),
        new("CsvImport", 1, () => new ValueTask(CsvImport())),
    ];

    void IAlternatingBenchmark.BeforeRun() => FreshCopy();

    void IAlternatingBenchmark.AfterRun() => DropCopy();

    Task IAlternatingBenchmark.CleanupAsync()
    {
        Cleanup();
        return Task.CompletedTask;
    }

    [Benchmark(Baseline = true)]
    public async Task HandWrittenBatchedWrite()
    {
        await using var connection = new SqliteConnection(Connection(_target));
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await _newAssessments.InsertAsync(connection, transaction);
        await _newChanges.InsertAsync(connection, transaction);
        await _partnersAfter.UpdateByIdAsync(connection, transaction);
        await transaction.CommitAsync();
    }

    [Benchmark]
    public async Task CsvImport()
    {
        var report = await _services!.GetRequiredService<CsvImportService>().ImportAsync(Importer, ImportKind.Assessments, _monthCsv, ExistingPartnerChoice.Skip);
        if (!report.Committed)
        {
            throw new InvalidOperationException("The import refused the file: " + string.Join("; ", report.Problems.Take(5)));
        }
    }

    // Each partner's latest check-in again, dated today (the import takes a day equal to the latest, not before it).
    internal static async Task<byte[]> MonthFileAsync(PartnerStagesDbContext db)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var latest = (await db.Assessments.AsNoTracking()
                .Join(db.Partners, a => a.PartnerId, p => p.Id, (a, p) => new { p.Name, a.AssessedOn, a.Id, a.Inputs, a.Verdict.Stage })
                .ToListAsync())
            .GroupBy(a => a.Name)
            .Select(g => g.MaxBy(a => (a.AssessedOn, a.Id))!)
            .Select(a => new AssessmentExportRow(a.Name, today, a.Inputs, null, a.Stage));
        using var stream = new MemoryStream();
        await AssessmentCsv.WriteAsync(stream, latest.ToAsyncEnumerable());
        return stream.ToArray();
    }

    // The rows the import writes, as it writes them: import once into a scratch copy and read them back.
    private async Task RecordBaselineRowsAsync()
    {
        FreshCopy();
        try
        {
            await using var connection = new SqliteConnection(Connection(_target));
            await connection.OpenAsync();
            var lastAssessment = await TableRows.MaxIdAsync(connection, "Assessments");
            var lastChange = await TableRows.MaxIdAsync(connection, "StageChanges");
            await CsvImport();
            _newAssessments = await TableRows.ReadAsync(connection, "Assessments", lastAssessment);
            _newChanges = await TableRows.ReadAsync(connection, "StageChanges", lastChange);
            _partnersAfter = await TableRows.ReadAsync(connection, "Partners", 0);
        }
        finally
        {
            DropCopy();
        }
    }

    private static ServiceProvider Open(string path)
    {
        var connection = Connection(path);
        return new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connection).BuildServiceProvider();
    }

    private static string Connection(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    // Folds the write-ahead log into the file, so a plain copy of the file is the whole database.
    private static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }
}
