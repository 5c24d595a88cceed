using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Backups;

// Nothing was kept (disk full, a failed integrity check); the message is for the administrator.
public sealed class BackupFailedException(string message, Exception? inner = null) : Exception(message, inner);

// Online backups of the SQLite database into the backups folder, for administrators.
public sealed class BackupService(
    PartnerStagesDatabase database,
    IDbContextFactory<PartnerStagesDbContext> contextFactory,
    TimeProvider clock,
    IOptions<BackupOptions> options,
    ILogger<BackupService> logger)
{
    private string Folder => options.Value.Folder is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException("No backup folder is configured (BackupOptions.Folder).");

    public string Location => Folder;

    // The app copies only its own SQLite file; a database server has its own tools for this.
    public bool IsAvailable => database.Provider == DatabaseProvider.Sqlite;

    public const string NotOnThisDatabase =
        "This installation keeps its data in PostgreSQL: backing it up and restoring it is the database server's job " +
        "(pg_dump, or the server's continuous archiving), not the app's.";

    // SQLite's backup API copies every page in one step inside a read transaction: a consistent
    // snapshot of everything committed when it started, while other connections keep writing (WAL).
    // The copy is written under a temporary name and only named as a backup once integrity_check
    // passes, so the folder never lists a half-written or damaged file.
    public async Task<BackupFile> BackUpAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can back up the database.");
        }

        if (!IsAvailable)
        {
            throw new BackupFailedException(NotOnThisDatabase);
        }

        CreateOwnerOnlyFolder(Folder);
        var takenUtc = clock.GetUtcNow().UtcDateTime;
        var name = BackupFile.NameFor(takenUtc);
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            CreateOwnerOnlyFile(partial);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await WriteSnapshotAsync((SqliteConnection)db.Database.GetDbConnection(), partial, cancellationToken);
            File.Move(partial, path);
        }
        catch (Exception error) when (error is IOException or SqliteException)
        {
            throw new BackupFailedException($"The backup could not be written, nothing was kept: {error.Message}", error);
        }
        finally
        {
            File.Delete(partial);
        }

        var backup = new BackupFile(name, new FileInfo(path).Length, takenUtc);
        db.Audit(clock.GetUtcNow().UtcDateTime, actor, AuditAction.Created, "Backup", name,
            $"Backed up the database to {name} ({backup.Size:N0} bytes).", after: new { backup.Name, backup.Size });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{User} backed up the database to {Path} ({Size} bytes).", actor.Name, path, backup.Size);

        Prune();
        return backup;
    }

    private static async Task WriteSnapshotAsync(SqliteConnection source, string destinationPath, CancellationToken cancellationToken)
    {
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destinationPath,
            Pooling = false,
        }.ToString());
        await destination.OpenAsync(cancellationToken);
        source.BackupDatabase(destination);

        // The copy inherits WAL mode from the live file; a backup should be one self-contained file.
        await using (var journal = destination.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }

        var problems = await DatabaseChecks.IntegrityProblemsAsync(destination, cancellationToken);
        if (problems is not null)
        {
            throw new BackupFailedException($"The backup failed its integrity check and was not kept: {problems}");
        }
    }

    public IReadOnlyList<BackupFile> List(Actor actor)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can see the backups.");
        }

        return ListFiles();
    }

    // Newest first.
    private List<BackupFile> ListFiles() => !Directory.Exists(Folder)
        ? []
        : new DirectoryInfo(Folder).EnumerateFiles("partnerstages-*.db")
            .Select(file => BackupFile.TimeOf(file.Name) is { } taken ? new BackupFile(file.Name, file.Length, taken) : null)
            .OfType<BackupFile>()
            .OrderByDescending(backup => backup.TakenUtc)
            .ToList();

    public Stream OpenRead(Actor actor, string name)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can download a backup.");
        }

        var path = Path.Combine(Folder, name);
        if (BackupFile.TimeOf(name) is null || !File.Exists(path))
        {
            throw new NotFoundException($"There is no backup named {name}.");
        }

        return File.OpenRead(path);
    }

    // Keeps the newest Keep backups and deletes the rest; returns how many were deleted.
    public int Prune()
    {
        var keep = options.Value.Keep;
        if (keep <= 0)
        {
            return 0;
        }

        var old = ListFiles().Skip(keep).ToList();
        foreach (var backup in old)
        {
            File.Delete(Path.Combine(Folder, backup.Name));
            logger.LogInformation("Deleted the backup {Name}: only the newest {Keep} are kept.", backup.Name, keep);
        }

        return old.Count;
    }

    // A backup holds every account's password hash: for the app's own user only.
    internal static void CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var _ = new FileStream(path, options);
    }

    private static void CreateOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
