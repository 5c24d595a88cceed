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

    // Migrates the file and registers the real data services over it.
    public async Task RegisterAsync(IServiceCollection services)
    {
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        services.AddLogging();
        services.AddPartnerStagesData(_ => ConnectionString);
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
