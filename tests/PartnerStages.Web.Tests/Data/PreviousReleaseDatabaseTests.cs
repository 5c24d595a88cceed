using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests.Data;

// previous-release-database.sql is the `.dump` of the SQLite file the release before the per-provider
// migration projects made on its first start: its __EFMigrationsHistory names the seven migrations by
// the IDs they had in PartnerStages.Data. The app of today must open it as it is, with nothing to migrate.
[SqliteOnly("Opens a SQLite database of the previous release")]
public sealed class PreviousReleaseDatabaseTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_factory.DataFolder);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_factory.DataFolder, "partnerstages.db"),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var restore = connection.CreateCommand();
        restore.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "previous-release-database.sql"));
        await restore.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_database_of_the_previous_release_opens_with_nothing_to_migrate_and_takes_writes()
    {
        using var client = _factory.CreateBrowserlessClient();

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await using var db = PartnerStagesDatabase.Sqlite(
            new SqliteConnectionStringBuilder { DataSource = _factory.DatabasePath }.ToString()).CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await db.RuleSets.CountAsync());
        await _factory.CreateUserAsync(TestData.Administrator);
        Assert.Equal(1, await _factory.CountUsersAsync());
    }
}
