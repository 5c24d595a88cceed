using Microsoft.Data.Sqlite;
using PartnerStages.Data;

namespace PartnerStages.Web.Hosting;

// Where the database and logs live. Resolved once, independent of the working folder, so that
// `dotnet run` from the repository root and from the project folder use the same file.
public sealed class StorageLocation
{
    public const string DataFolderKey = "PartnerStages:DataFolder";

    public StorageLocation(IConfiguration configuration)
    {
        var configured = configuration[DataFolderKey];
        DataFolder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
                Environment.SpecialFolderOption.Create), "PartnerStages")
            : Path.GetFullPath(configured);
        CreateOwnerOnly(DataFolder);
        Database = PartnerStagesDatabase.ParseProvider(configuration[PartnerStagesDatabase.ProviderKey]) switch
        {
            DatabaseProvider.PostgreSql => PartnerStagesDatabase.PostgreSql(
                configuration.GetConnectionString(PartnerStagesDatabase.ConnectionStringName) is { Length: > 0 } server
                    ? server
                    : throw new InvalidOperationException(
                        $"{PartnerStagesDatabase.ProviderKey} is PostgreSql, but ConnectionStrings:{PartnerStagesDatabase.ConnectionStringName} is not set.")),
            _ => PartnerStagesDatabase.Sqlite(ConnectionString),
        };
    }

    // The SQLite file in the data folder (the default), or the PostgreSQL server configured instead;
    // the data folder keeps the logs (and, with SQLite, the backups) either way.
    public PartnerStagesDatabase Database { get; }

    public bool IsSqlite => Database.Provider == DatabaseProvider.Sqlite;

    // The database, its keys and logs are for the app's own user: under umask 022 they would be
    // world-readable, so the folder that holds them is 0700. A folder from an earlier version is tightened too.
    private static void CreateOwnerOnly(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Path.GetDirectoryName(folder) ?? folder);
        Directory.CreateDirectory(folder, ownerOnly);
        try
        {
            if (File.GetUnixFileMode(folder) != ownerOnly)
            {
                File.SetUnixFileMode(folder, ownerOnly);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's folder, given to the app on purpose: its owner decides who reads it.
        }
    }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "partnerstages.db");

    public string KeysFolder => Path.Combine(DataFolder, "keys");

    // Sign-in keys are made on the first request an installation serves, so keys without a
    // database mean the database of an earlier installation is gone (deleted, or a disk swapped).
    public bool HasLostItsDatabase => IsSqlite &&
        !File.Exists(DatabasePath) && Directory.Exists(KeysFolder) && Directory.EnumerateFiles(KeysFolder, "*.xml").Any();

    public string LogFilePattern => Path.Combine(DataFolder, "logs", "partnerstages-.log");

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
