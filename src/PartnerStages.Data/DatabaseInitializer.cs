using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data;

public sealed class DatabaseInitializer(
    IDbContextFactory<PartnerStagesDbContext> contextFactory,
    TimeProvider clock,
    RuleSetStore ruleSets,
    DatabaseFileGuard fileGuard,
    ILogger<DatabaseInitializer> logger)
{
    // EF Core's own name for the row it holds while migrating (dotnet/efcore#38958).
    private const string MigrationLockTable = "__EFMigrationsLock";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await ClearStaleMigrationLockAsync(db, cancellationToken);
        }

        // MigrateAsync takes the migration lock even with nothing to do; a restart with an
        // up-to-date database should not write at all.
        if (db.Database.IsNpgsql())
        {
            // Npgsql reads the history table without checking that it exists, and EF logs the miss on a
            // new database as an error (npgsql/efcore.pg#3407): an operator's first start would show two.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var upgradesCheckIns = db.Database.IsSqlite() && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            && pending.Any(m => m.EndsWith("_" + CheckInFactsUpgrade.DroppingMigration, StringComparison.Ordinal));
        if (upgradesCheckIns)
        {
            // Stop after the columns are filled, check every verdict against them, then drop the JSON.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(CheckInFactsUpgrade.CopiedMigration, cancellationToken);
            await CheckInFactsUpgrade.RunAsync(db, ruleSets, logger, cancellationToken);
        }

        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (upgradesCheckIns)
        {
            // The dropped explanations were most of the file: give the space back.
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.CheckpointAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers (dashboards) run while a writer saves; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await RuleSetStore.SeedDefaultAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        fileGuard.Arm();
    }

    // The SQLite file belongs to one app process, and this runs before that process migrates, so a
    // lock row found now was left by a process that died while migrating: EF Core would wait for it
    // forever. The interrupted migration itself ran in a transaction and was rolled back.
    private async Task ClearStaleMigrationLockAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        var lockTableExists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {MigrationLockTable}")
            .SingleAsync(cancellationToken) > 0;
        if (!lockTableExists)
        {
            return;
        }

        var cleared = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
        if (cleared > 0)
        {
            logger.LogWarning("Cleared a migration lock left by an earlier run of the app that stopped while migrating.");
        }
    }

    // Ready for traffic: the database answers and holds every migration this build knows. An instance
    // of a newer version started beside older ones is not ready until the migrations are applied.
    public async Task<bool> IsMigratedAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            return !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    // Reachable and migrated: a database file that vanished would be re-created empty on open,
    // so "can connect" alone would report a healthy but empty store.
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            return applied.Any();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
