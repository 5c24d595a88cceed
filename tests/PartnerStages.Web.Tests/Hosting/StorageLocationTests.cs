using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests.Hosting;

[UnsupportedOSPlatform("windows")]
public sealed class StorageLocationTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    private string DataFolder => Path.Combine(_parent, "data");

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    private StorageLocation Locate() => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageLocation.DataFolderKey] = DataFolder })
        .Build());

    [UnixFact]
    public void A_new_data_folder_is_readable_by_its_owner_only()
    {
        Locate();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DataFolder));
    }

    [UnixFact]
    public void A_world_readable_data_folder_from_before_is_closed_to_others()
    {
        Directory.CreateDirectory(DataFolder);
        File.SetUnixFileMode(DataFolder, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Locate();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(DataFolder));
    }
}

// Unix file modes do not exist on Windows, so there these tests are skipped with that reason.
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
