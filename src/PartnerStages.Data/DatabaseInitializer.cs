using Microsoft.EntityFrameworkCore;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data;

public sealed class DatabaseInitializer(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (dashboards) run while a writer saves; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await RuleSetStore.SeedDefaultAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
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
