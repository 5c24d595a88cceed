using Microsoft.Data.Sqlite;

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
        Directory.CreateDirectory(DataFolder);
    }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "partnerstages.db");

    public string LogFilePattern => Path.Combine(DataFolder, "logs", "partnerstages-.log");

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = DatabasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
