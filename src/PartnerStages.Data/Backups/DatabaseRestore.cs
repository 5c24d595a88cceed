using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PartnerStages.Data.Backups;

// A restore was refused before anything changed; the message says why, for the operator.
public sealed class RestoreRefusedException(string message) : Exception(message);

public sealed record RestoredDatabase(string DatabasePath, string? ReplacedPath);

// Puts a backup in place of the database, from the command line, while the app is stopped.
public sealed class DatabaseRestore(TimeProvider clock)
{
    public async Task<RestoredDatabase> RestoreAsync(string backupPath, string databasePath, CancellationToken cancellationToken = default)
    {
        backupPath = Path.GetFullPath(backupPath);
        if (!File.Exists(backupPath))
        {
            throw new RestoreRefusedException($"There is no file {backupPath}.");
        }

        var folder = Path.GetDirectoryName(databasePath)!;
        Directory.CreateDirectory(folder);

        // Held until the new file is in place, so the app cannot start half-way through either.
        using var exclusive = DatabaseLock.TryTake(databasePath, exclusive: true)
            ?? throw new RestoreRefusedException(
                $"PartnerStages is running on {folder}, or backing it up (it holds {DatabaseLock.PathFor(databasePath)}). Stop it, then restore.");

        // Checked as a copy in the data folder: the file that is checked is the file put in place.
        var incoming = databasePath + ".restoring";
        File.Delete(incoming);
        try
        {
            BackupService.CreateOwnerOnlyFile(incoming);
            await using (var source = File.OpenRead(backupPath))
            await using (var target = new FileStream(incoming, FileMode.Truncate, FileAccess.Write))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            await CheckAsync(incoming, backupPath, cancellationToken);
            var replaced = File.Exists(databasePath) ? SetAside(databasePath) : null;
            File.Move(incoming, databasePath);
            return new RestoredDatabase(databasePath, replaced);
        }
        finally
        {
            File.Delete(incoming);
        }
    }

    private static async Task CheckAsync(string path, string backupPath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (await DatabaseChecks.IntegrityProblemsAsync(connection, cancellationToken) is { } problems)
            {
                throw new RestoreRefusedException($"{backupPath} failed its integrity check: {problems}. Nothing was changed.");
            }

            if (await DatabaseChecks.AppliedMigrationsAsync(connection, cancellationToken) == 0)
            {
                throw new RestoreRefusedException($"{backupPath} is not a PartnerStages database (it has no applied migrations). Nothing was changed.");
            }
        }
        catch (SqliteException error)
        {
            throw new RestoreRefusedException($"{backupPath} is not a readable SQLite database ({error.Message}). Nothing was changed.");
        }
    }

    // The replaced database is kept, renamed with its write-ahead log and index beside it, so it
    // still opens as it was. Left in place, its log would be replayed into the restored file.
    private string SetAside(string databasePath)
    {
        var aside = $"{databasePath}.replaced-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, aside + suffix);
            }
        }

        File.Move(databasePath, aside);
        return aside;
    }
}
