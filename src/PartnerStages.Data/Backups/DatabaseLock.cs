namespace PartnerStages.Data.Backups;

// A lock file beside the database says who is using it. The app (and a backup from the command
// line) hold it shared for as long as they run; a restore holds it exclusively. The operating
// system releases it when the process ends, even on kill -9, so a crash never leaves it behind.
// On Unix .NET takes flock(LOCK_SH / LOCK_EX) for FileShare.ReadWrite / None; on Windows the share
// modes do the same.
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseLock(FileStream file) => _file = file;

    public static string PathFor(string databasePath) => Path.ChangeExtension(databasePath, ".lock");

    // Null when a restore holds it (shared) or anyone holds it (exclusive).
    public static DatabaseLock? TryTake(string databasePath, bool exclusive)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = exclusive ? FileAccess.ReadWrite : FileAccess.Read,
            Share = exclusive ? FileShare.None : FileShare.ReadWrite,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new DatabaseLock(new FileStream(PathFor(databasePath), options));
        }
        catch (IOException error) when (error is not DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
