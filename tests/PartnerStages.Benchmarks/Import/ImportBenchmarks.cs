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
using PartnerStages.Data.Partners;

namespace PartnerStages.Benchmarks.Import;

// Importing 10,000 partners and their check-ins from CSV into an empty database, against a
// hand-written batched insert of the same rows (prepared commands, one transaction). The import
// also parses, checks every row and runs each check-in through the rules; the insert only writes.
// Each run is long, so each method runs a few times from a fresh database, after one warm-up run
// (the first run in a process also pays for compiling the code).
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ImportBenchmarks : IAlternatingBenchmark
{
    private static readonly string[] Tables = ["Partners", "Assessments", "StageChanges"];
    internal static readonly Actor Importer = new("bench-admin", "bench-admin@example.com", new HashSet<string> { Roles.Administrator });

    private readonly Dictionary<string, TableRows> _rows = [];
    private List<ApplicationUser> _owners = [];
    private byte[] _partnersCsv = [];
    private byte[] _assessmentsCsv = [];
    private string _folder = "";
    private ServiceProvider? _target;
    private string _targetConnection = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await using var source = await BenchmarkDatabase.OpenAsync(10_000);
        var export = source.Services.GetRequiredService<CsvExportService>();
        using (var partners = new MemoryStream())
        {
            await export.WritePartnersAsync(new PartnerQuery(), partners);
            _partnersCsv = partners.ToArray();
        }

        using (var assessments = new MemoryStream())
        {
            await export.WriteAssessmentsAsync(assessments);
            _assessmentsCsv = assessments.ToArray();
        }

        await using (var db = source.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContext())
        {
            _owners = await db.Users.AsNoTracking().ToListAsync();
        }

        await using var connection = new SqliteConnection(source.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in Tables)
        {
            _rows[table] = await TableRows.ReadAsync(connection, table, 0);
        }

        Console.WriteLine($"// {_rows["Partners"].Rows.Count} partners ({_partnersCsv.Length:N0} bytes of CSV), " +
            $"{_rows["Assessments"].Rows.Count} assessments ({_assessmentsCsv.Length:N0} bytes)");
        _folder = Path.Combine(Path.GetTempPath(), "partnerstages-import-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [IterationSetup]
    public void FreshDatabase() => FreshDatabaseAsync().GetAwaiter().GetResult();

    [IterationCleanup]
    public void DropDatabase()
    {
        _target?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("HandWrittenBatchedInsert", 1, () => new ValueTask(HandWrittenBatchedInsert())),
        new("CsvImport", 1, () => new ValueTask(CsvImport())),
    ];

    void IAlternatingBenchmark.BeforeRun() => FreshDatabase();

    void IAlternatingBenchmark.AfterRun() => DropDatabase();

    Task IAlternatingBenchmark.CleanupAsync()
    {
        Cleanup();
        return Task.CompletedTask;
    }

    [Benchmark(Baseline = true)]
    public async Task HandWrittenBatchedInsert()
    {
        await using var connection = new SqliteConnection(_targetConnection);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var table in Tables)
        {
            await _rows[table].InsertAsync(connection, transaction);
        }

        await transaction.CommitAsync();
    }

    [Benchmark]
    public async Task CsvImport()
    {
        var import = _target!.GetRequiredService<CsvImportService>();
        Check(await import.ImportAsync(Importer, ImportKind.Partners, _partnersCsv, ExistingPartnerChoice.Skip));
        Check(await import.ImportAsync(Importer, ImportKind.Assessments, _assessmentsCsv, ExistingPartnerChoice.Skip));
    }

    private static void Check(ImportReport report)
    {
        if (!report.Committed)
        {
            throw new InvalidOperationException("The import refused the file: " + string.Join("; ", report.Problems.Take(5)));
        }
    }

    private async Task FreshDatabaseAsync()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        _targetConnection = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var connection = _targetConnection;
        _target = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connection).BuildServiceProvider();
        await _target.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await using var db = await _target.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        db.Users.AddRange(_owners.Select(o => new ApplicationUser
        {
            Id = o.Id, UserName = o.UserName, NormalizedUserName = o.NormalizedUserName, Email = o.Email,
            NormalizedEmail = o.NormalizedEmail, DisplayName = o.DisplayName, SecurityStamp = o.SecurityStamp,
        }));
        db.UserRoles.AddRange(_owners.Select(o => new IdentityUserRole<string> { UserId = o.Id, RoleId = Roles.ChannelManager.ToLowerInvariant() }));

        // The importing administrator is recorded as the assessor of every imported check-in.
        db.Users.Add(new ApplicationUser { Id = Importer.UserId, UserName = Importer.Name, Email = Importer.Name, DisplayName = "Importer" });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = Importer.UserId, RoleId = Roles.Administrator.ToLowerInvariant() });
        await db.SaveChangesAsync();
    }
}
