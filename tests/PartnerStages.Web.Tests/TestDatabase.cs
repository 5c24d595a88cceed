using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests;

// A real, migrated SQLite file for component and service tests; deleted on dispose.
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "test.db") }.ToString();
    }

    public string ConnectionString { get; }

    // Registers the real data services over the file and prepares it as the app does at start-up
    // (migrations, rule set v1).
    public async Task RegisterAsync(IServiceCollection services)
    {
        services.AddLogging();
        services.AddPartnerStagesData(_ => ConnectionString);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    public PartnerStagesDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PartnerStagesDbContext>().UseSqlite(ConnectionString).Options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
