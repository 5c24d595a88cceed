using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Samples;

namespace PartnerStages.Benchmarks.Import;

// The 10,000-partner sample loaded by the app's own loader into a new, migrated SQLite file and a new,
// migrated PostgreSQL database (on the server BenchmarkDatabase.PostgresServerVariable names), alternating;
// `--alternate sample-load`. The size of each database is printed after the last round.
public sealed class SampleLoadBenchmarks : IAlternatingBenchmark
{
    private const int Partners = 10_000;
    private static readonly Actor Loader = new("benchmarks", "benchmarks", new HashSet<string> { Roles.Administrator });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnerstages-sample-load-" + Guid.NewGuid().ToString("N"));
    private string _sqliteFile = "";
    private string _postgresDatabase = "";
    private ServiceProvider? _sqlite;
    private ServiceProvider? _postgres;
    // Each run loads one of the two; the other is left empty. The largest seen is each one loaded.
    private long _sqliteBytes;
    private long _postgresBytes;

    public IReadOnlyList<AlternatingSide> Sides =>
    [
        new("SQLite", 1, () => new ValueTask(LoadAsync(_sqlite!))),
        new("PostgreSQL", 1, () => new ValueTask(LoadAsync(_postgres!))),
    ];

    public Task SetupAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public void BeforeRun()
    {
        _sqliteFile = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        _sqlite = Migrated(PartnerStagesDatabase.Sqlite(new SqliteConnectionStringBuilder { DataSource = _sqliteFile }.ToString()));
        _postgresDatabase = "partnerstages_load_" + Guid.NewGuid().ToString("N");
        BenchmarkDatabase.OnServerAsync($"CREATE DATABASE {_postgresDatabase}").GetAwaiter().GetResult();
        _postgres = Migrated(PartnerStagesDatabase.PostgreSql(BenchmarkDatabase.PostgresConnectionString(_postgresDatabase)));
    }

    public void AfterRun()
    {
        var postgresBytes = Convert.ToInt64(BenchmarkDatabase.OnServerAsync($"SELECT pg_database_size('{_postgresDatabase}')").GetAwaiter().GetResult(),
            System.Globalization.CultureInfo.InvariantCulture);
        var sqliteBytes = Directory.GetFiles(_folder, Path.GetFileName(_sqliteFile) + "*").Sum(f => new FileInfo(f).Length);
        (_sqliteBytes, _postgresBytes) = (Math.Max(_sqliteBytes, sqliteBytes), Math.Max(_postgresBytes, postgresBytes));
        _sqlite?.Dispose();
        _postgres?.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        BenchmarkDatabase.OnServerAsync($"DROP DATABASE {_postgresDatabase}").GetAwaiter().GetResult();
        foreach (var file in Directory.GetFiles(_folder))
        {
            File.Delete(file);
        }
    }

    public Task CleanupAsync()
    {
        Console.WriteLine($"// sizes after a load: SQLite {_sqliteBytes / 1048576.0:F1} MiB (file, WAL and shared memory), " +
            $"PostgreSQL {_postgresBytes / 1048576.0:F1} MiB (pg_database_size)");
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task LoadAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SamplePortfolioLoader>().LoadAsync(Loader, Partners);
    }

    private static ServiceProvider Migrated(PartnerStagesDatabase database)
    {
        var services = BenchmarkDatabase.ServicesFor(database);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
        return services;
    }
}
