using Bunit;
using Bunit.Rendering;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Backups;

namespace PartnerStages.Web.Tests.Components.Admin;

// The backups page over the real backup service and a real database.
public sealed class BackupsPageTests : ComponentTestBase
{
    // Inside the test database's folder, which is deleted with it.
    private string _folder = "";

    protected override Task ArrangeAsync()
    {
        _folder = Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource)!, "backups");
        Services.Configure<BackupOptions>(options => options.Folder = _folder);
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => RenderWithProviders(b =>
    {
        b.OpenComponent<Web.Components.Pages.Admin.Backups>(0);
        b.CloseComponent();
    });

    [Fact]
    public void Without_backups_the_page_says_how_to_make_one_and_how_to_restore()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No backups yet", page.Find("[aria-label='No backups']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table[aria-label=Backups]"));
        Assert.Contains("-- restore", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Back_up_now_adds_a_downloadable_backup_to_the_list_and_confirms_it()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='No backups']")));

        page.FindAll("button").Single(b => b.TextContent.Contains("Back up now", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("table[aria-label=Backups] tbody tr")), Patience);
        var name = Assert.Single(Directory.GetFiles(_folder).Select(Path.GetFileName));
        var download = page.Find($"a[aria-label='Download {name}']");
        Assert.Equal($"admin/backups/{name}", download.GetAttribute("href"));
        Assert.Empty(page.FindAll("[aria-label='No backups']"));
        page.WaitForAssertion(() => Assert.Contains($"Backed up the database to {name}", page.Markup, StringComparison.Ordinal));
    }
}
