using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Import;

namespace PartnerStages.Benchmarks.Import;

// MonthlyImportBenchmarks on PostgreSQL (`--alternate monthly --provider postgresql`): a month's
// check-ins for the 10,000-partner sample, against what an engineer would write by hand with Npgsql
// for the same rows: binary COPY of the new assessments and stage changes, and the partners' new
// standings copied into a temporary table and applied in one UPDATE … FROM. Each run starts from a
// copy of the same database (CREATE DATABASE … TEMPLATE).
public sealed class MonthlyImportPostgreSqlBenchmarks : IAlternatingBenchmark
{
    private const string Template = "partnerstages_monthly_template";
    private static readonly Actor Importer = ImportBenchmarks.Importer;

    private string _target = "";
    private ServiceProvider? _services;
    private byte[] _monthCsv = [];
    private CopiedRows _newAssessments = CopiedRows.Empty;
    private CopiedRows _newChanges = CopiedRows.Empty;
    private CopiedRows _partnersAfter = CopiedRows.Empty;

    public IReadOnlyList<AlternatingSide> Sides =>
    [
        new("HandWrittenCopyAndUpdate", 1, () => new ValueTask(HandWrittenCopyAndUpdate())),
        new("CsvImport", 1, () => new ValueTask(CsvImport())),
    ];

    public async Task SetupAsync()
    {
        string source;
        await using (var sample = await BenchmarkDatabase.OpenAsync(10_000, provider: DatabaseProvider.PostgreSql))
        {
            source = new NpgsqlConnectionStringBuilder(sample.ConnectionString).Database!;
        }

        NpgsqlConnection.ClearAllPools();
        await BenchmarkDatabase.OnServerAsync($"DROP DATABASE IF EXISTS {Template}");
        await BenchmarkDatabase.OnServerAsync($"CREATE DATABASE {Template} TEMPLATE \"{source}\"");
        await using (var services = BenchmarkDatabase.ServicesFor(PartnerStagesDatabase.PostgreSql(BenchmarkDatabase.PostgresConnectionString(Template))))
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(new ApplicationUser { Id = Importer.UserId, UserName = Importer.Name, Email = Importer.Name, DisplayName = "Importer" });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = Importer.UserId, RoleId = Roles.Administrator.ToLowerInvariant() });
            await db.SaveChangesAsync();
            _monthCsv = await MonthlyImportBenchmarks.MonthFileAsync(db);
        }

        NpgsqlConnection.ClearAllPools();
        await RecordBaselineRowsAsync();
        Console.WriteLine($"// {_newAssessments.Rows.Count} new check-ins ({_monthCsv.Length:N0} bytes of CSV), {_newChanges.Rows.Count} stage changes, " +
            $"{_partnersAfter.Rows.Count} partners updated");
    }

    public void BeforeRun()
    {
        _target = "partnerstages_monthly_" + Guid.NewGuid().ToString("N");
        BenchmarkDatabase.OnServerAsync($"CREATE DATABASE {_target} TEMPLATE {Template}").GetAwaiter().GetResult();
        _services = BenchmarkDatabase.ServicesFor(PartnerStagesDatabase.PostgreSql(BenchmarkDatabase.PostgresConnectionString(_target)));
    }

    public void AfterRun()
    {
        _services?.Dispose();
        NpgsqlConnection.ClearAllPools();
        BenchmarkDatabase.OnServerAsync($"DROP DATABASE {_target}").GetAwaiter().GetResult();
    }

    public async Task CleanupAsync() => await BenchmarkDatabase.OnServerAsync($"DROP DATABASE IF EXISTS {Template}");

    public async Task HandWrittenCopyAndUpdate()
    {
        await using var connection = new NpgsqlConnection(BenchmarkDatabase.PostgresConnectionString(_target));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _newAssessments.CopyAsync(connection, _newAssessments.Table);
        await _newChanges.CopyAsync(connection, _newChanges.Table);
        await using (var staging = new NpgsqlCommand("CREATE TEMPORARY TABLE partner_rows (LIKE \"Partners\") ON COMMIT DROP", connection, transaction))
        {
            await staging.ExecuteNonQueryAsync();
        }

        await _partnersAfter.CopyAsync(connection, "partner_rows");
        var columns = _partnersAfter.Columns.Where(c => c != "Id").Select(c => $"\"{c}\" = t.\"{c}\"");
        await using (var update = new NpgsqlCommand(
            $"UPDATE \"Partners\" p SET {string.Join(", ", columns)} FROM partner_rows t WHERE p.\"Id\" = t.\"Id\"", connection, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task CsvImport()
    {
        var report = await _services!.GetRequiredService<CsvImportService>().ImportAsync(Importer, ImportKind.Assessments, _monthCsv, ExistingPartnerChoice.Skip);
        if (!report.Committed)
        {
            throw new InvalidOperationException("The import refused the file: " + string.Join("; ", report.Problems.Take(5)));
        }
    }

    // The rows the import writes, as it writes them: import once into a scratch copy and read them back.
    private async Task RecordBaselineRowsAsync()
    {
        BeforeRun();
        try
        {
            await using var connection = new NpgsqlConnection(BenchmarkDatabase.PostgresConnectionString(_target));
            await connection.OpenAsync();
            var lastAssessment = await CopiedRows.MaxIdAsync(connection, "Assessments");
            var lastChange = await CopiedRows.MaxIdAsync(connection, "StageChanges");
            await CsvImport();
            _newAssessments = await CopiedRows.ReadAsync(connection, "Assessments", lastAssessment);
            _newChanges = await CopiedRows.ReadAsync(connection, "StageChanges", lastChange);
            _partnersAfter = await CopiedRows.ReadAsync(connection, "Partners", 0);
        }
        finally
        {
            AfterRun();
        }
    }

    // Rows of one table as Npgsql reads them, with each column's type, written back by binary COPY.
    private sealed record CopiedRows(string Table, string[] Columns, string[] Types, List<object?[]> Rows)
    {
        public static CopiedRows Empty { get; } = new("", [], [], []);

        public static async Task<CopiedRows> ReadAsync(NpgsqlConnection connection, string table, long afterId)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\" WHERE \"Id\" > @after ORDER BY \"Id\"", connection);
            select.Parameters.AddWithValue("after", afterId);
            await using var reader = await select.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync())
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(values);
            }

            return new CopiedRows(table, columns, types, rows);
        }

        public static async Task<long> MaxIdAsync(NpgsqlConnection connection, string table)
        {
            await using var select = new NpgsqlCommand($"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"", connection);
            return Convert.ToInt64(await select.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task CopyAsync(NpgsqlConnection connection, string into)
        {
            var target = into == Table ? $"\"{Table}\"" : into;
            await using var copy = await connection.BeginBinaryImportAsync(
                $"COPY {target} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in Rows)
            {
                await copy.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await copy.WriteAsync(value, Types[i]);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                }
            }

            await copy.CompleteAsync();
        }
    }
}
