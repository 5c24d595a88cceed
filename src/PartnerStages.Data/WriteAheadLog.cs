using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data;

public static class WriteAheadLog
{
    // After a bulk write (a sample portfolio, an import) the SQLite write-ahead log is as large as
    // what was written and stays that size: fold it into the database and cut it back to nothing.
    // A reader still on an older snapshot makes SQLite skip the truncation; the next checkpoint does it.
    // The copying is done by a PASSIVE checkpoint first, which lets other writers in; a TRUNCATE one
    // keeps them out while it runs, so it is left only the cutting back (a large import's log took
    // seconds to fold in, with saves waiting).
    public static async Task CheckpointAsync(this PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
