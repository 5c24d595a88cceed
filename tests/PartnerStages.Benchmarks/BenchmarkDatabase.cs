using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Samples;

namespace PartnerStages.Benchmarks;

// A migrated SQLite file holding a generated sample portfolio, built once per size and kept in the
// temp folder: generating 10,000 partners takes a while, and every run should measure the same data.
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private BenchmarkDatabase(ServiceProvider services, string connectionString)
    {
        Services = services;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> OpenAsync(int partners, int seed = SamplePortfolioLoader.DefaultSeed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"partnerstages-bench-{partners}-{seed}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var services = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connectionString).BuildServiceProvider();
        var fresh = !File.Exists(path);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (fresh)
        {
            var builder = new Actor("benchmarks", "benchmarks", new HashSet<string> { Roles.Administrator });
            await services.GetRequiredService<SamplePortfolioLoader>().LoadAsync(builder, partners, seed);
        }

        return new BenchmarkDatabase(services, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
