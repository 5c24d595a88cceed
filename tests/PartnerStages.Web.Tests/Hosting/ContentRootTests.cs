using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests.Hosting;

// Publishing in a test costs over a minute here, so the choice is tested on folders laid out like a
// published build and a build output; README's "Run a Release build" is the end-to-end check.
public sealed class ContentRootTests : IDisposable
{
    private readonly string _appFolder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    public ContentRootTests() => Directory.CreateDirectory(_appFolder);

    public void Dispose() => Directory.Delete(_appFolder, recursive: true);

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void A_published_build_started_from_another_folder_serves_from_its_own_folder()
    {
        Directory.CreateDirectory(Path.Combine(_appFolder, "wwwroot"));

        Assert.Equal(_appFolder, ContentRoot.Choose(["--urls", "http://127.0.0.1:5193"], _appFolder, NoEnvironment));
    }

    [Fact]
    public void A_build_without_its_own_web_root_keeps_the_hosts_choice()
    {
        // `dotnet run`: the build output has no wwwroot; the project folder (the working folder) holds it.
        Assert.Null(ContentRoot.Choose([], _appFolder, NoEnvironment));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/app")]
    [InlineData("--contentRoot")]
    [InlineData("/contentRoot=/srv/app")]
    public void A_content_root_named_on_the_command_line_wins(string argument)
    {
        Directory.CreateDirectory(Path.Combine(_appFolder, "wwwroot"));

        Assert.Null(ContentRoot.Choose([argument, "/srv/app"], _appFolder, NoEnvironment));
    }

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void A_content_root_named_in_the_environment_wins(string variable)
    {
        Directory.CreateDirectory(Path.Combine(_appFolder, "wwwroot"));

        Assert.Null(ContentRoot.Choose([], _appFolder, name => name == variable ? "/srv/app" : null));
    }
}
