using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

// Start-up after a crash: a kill -9 while EF Core held its migration lock left a row that made every
// later start wait forever (dotnet/efcore#38958).
[SqliteOnly("The stale migration lock is a SQLite table (dotnet/efcore#38958); Npgsql locks with the server")]
public sealed class DatabaseInitializerTests : IAsyncLifetime
{
    // Far longer than a migration takes here; a start-up that waits on the lock never finishes.
    private static readonly TimeSpan StartUpLimit = TimeSpan.FromSeconds(60);

    private readonly TestDatabase _database = new();
    private ServiceProvider _provider = default!;

    public Task InitializeAsync()
    {
        _provider = _database.CreateUnpreparedServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_restart_after_a_crash_during_migration_starts()
    {
        await StartAsync();
        await LeaveMigrationLockAsync();

        await StartAsync().WaitAsync(StartUpLimit);

        Assert.Equal(0, await CountLockRowsAsync());
    }

    [Fact]
    public async Task A_first_start_interrupted_while_migrating_starts_the_next_time()
    {
        // What a kill during the very first migration leaves: the lock table with its row, nothing applied.
        await LeaveMigrationLockAsync();

        await StartAsync().WaitAsync(StartUpLimit);

        await using var db = _database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.RuleSets.AnyAsync());
    }

    [Fact]
    public async Task A_start_with_nothing_to_migrate_takes_no_migration_lock()
    {
        await StartAsync();
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE IF EXISTS \"__EFMigrationsLock\"";
            await drop.ExecuteNonQueryAsync();
        }

        await StartAsync();

        await using var db = _database.CreateContext();
        var lockTables = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = '__EFMigrationsLock'")
            .SingleAsync();
        Assert.Equal(0, lockTables);
    }

    private async Task StartAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    private async Task LeaveMigrationLockAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT OR IGNORE INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-26T09:00:00.0000000+00:00');
            """;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int> CountLockRowsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM \"__EFMigrationsLock\"").SingleAsync();
    }
}
