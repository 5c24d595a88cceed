using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Samples;

namespace PartnerStages.Benchmarks;

// A migrated database holding a generated sample portfolio, built once per size and kept: generating
// 10,000 partners takes a while, and every run should measure the same data. On SQLite a file in the
// temp folder; on PostgreSQL a database on the server PARTNERSTAGES_BENCH_POSTGRES names (a connection
// string without a database, e.g. "Host=127.0.0.1;Port=25432;Username=postgres").
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string PostgresServerVariable = "PARTNERSTAGES_BENCH_POSTGRES";

    private BenchmarkDatabase(ServiceProvider services, PartnerStagesDatabase database)
    {
        Services = services;
        Database = database;
    }

    public ServiceProvider Services { get; }

    public PartnerStagesDatabase Database { get; }

    public string ConnectionString => Database.ConnectionString;

    public bool IsPostgreSql => Database.Provider == DatabaseProvider.PostgreSql;

    public static async Task<BenchmarkDatabase> OpenAsync(int partners, int seed = SamplePortfolioLoader.DefaultSeed,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var name = $"partnerstages-bench-{partners}-{seed}";
        var (database, fresh) = provider == DatabaseProvider.PostgreSql
            ? await CreatePostgresDatabaseAsync(name.Replace('-', '_'))
            : (PartnerStagesDatabase.Sqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), name + ".db") }.ToString()),
                !File.Exists(Path.Combine(Path.GetTempPath(), name + ".db")));
        var services = ServicesFor(database);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (fresh)
        {
            var builder = new Actor("benchmarks", "benchmarks", new HashSet<string> { Roles.Administrator });
            await services.GetRequiredService<SamplePortfolioLoader>().LoadAsync(builder, partners, seed);
        }

        return new BenchmarkDatabase(services, database);
    }

    public static ServiceProvider ServicesFor(PartnerStagesDatabase database) =>
        new ServiceCollection().AddLogging().AddPartnerStagesData(_ => database).BuildServiceProvider();

    // The server's connection string for the database named (PARTNERSTAGES_BENCH_POSTGRES, with that database).
    public static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresServerVariable)
            ?? throw new InvalidOperationException($"Benchmarks on PostgreSQL need {PostgresServerVariable}: a connection string to a server."))
        {
            Database = database,
        }.ToString();

    // Runs one statement on the server's own postgres database (CREATE and DROP DATABASE cannot run inside the one they change).
    public static async Task<object?> OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<(PartnerStagesDatabase, bool Fresh)> CreatePostgresDatabaseAsync(string name)
    {
        var exists = await OnServerAsync($"SELECT 1 FROM pg_database WHERE datname = '{name}'") is not null;
        if (!exists)
        {
            await OnServerAsync($"CREATE DATABASE \"{name}\"");
        }

        return (PartnerStagesDatabase.PostgreSql(PostgresConnectionString(name)), !exists);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }
}
