using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerStages.Data;

// Once the database is prepared, its file must stay where it is. SQLite would otherwise create an
// empty file on the next open (and pooled connections keep writing into a deleted one), so the app
// would accept work into nothing and the next start would look like a fresh install.
public sealed class DatabaseFileGuard : DbConnectionInterceptor
{
    private volatile bool _armed;

    // Called when start-up has migrated the file: from then on a missing file is an error.
    public void Arm() => _armed = true;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EnsureFilePresent(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        EnsureFilePresent(connection);
        return ValueTask.FromResult(result);
    }

    private void EnsureFilePresent(DbConnection connection)
    {
        if (_armed && connection is SqliteConnection { DataSource: { Length: > 0 } path } && path != ":memory:" && !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The database file {path} is missing. Nothing was written; restore it from a backup and restart the app.");
        }
    }
}
