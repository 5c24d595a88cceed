using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Web.Components.Pages.Admin;

namespace PartnerStages.Web.Tests.Components.Admin;

// Two spellings of one region, as an import or an old database could leave them.
public sealed class RegionListTests : ComponentTestBase
{
    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        await AddPartnerAsync(TestData.PartnerRow("Alpha", region: "Benelux"));
        await AddPartnerAsync(TestData.PartnerRow("Beta", region: "BeNeLux"));
        await AddPartnerAsync(TestData.PartnerRow("Gamma", region: "BeNeLux"));
        await AddPartnerAsync(TestData.PartnerRow("Delta", region: "EMEA"));
    }

    private IRenderedComponent<ContainerFragment> OpenDialogFor(string region)
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<RegionList>(0);
            b.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("td[data-label=Region]").Count), Patience);
        page.Find($"button[aria-label='Rename or merge {region}']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-dialog input")), Patience);
        return page;
    }

    private static void Click(IRenderedComponent<ContainerFragment> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Each_region_is_listed_with_how_many_partners_it_holds()
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<RegionList>(0);
            b.CloseComponent();
        });

        page.WaitForAssertion(() => Assert.Equal(
            [("BeNeLux", "2"), ("Benelux", "1"), ("EMEA", "1")],
            page.FindAll("tbody tr").Select(r => (r.QuerySelector("td[data-label=Region]")!.TextContent.Trim(),
                r.QuerySelector("td[data-label=Partners]")!.TextContent.Trim()))), Patience);
    }

    [Fact]
    public async Task A_merge_asks_first_naming_how_many_partners_move_then_moves_them()
    {
        var page = OpenDialogFor("BeNeLux");

        page.Find(".mud-dialog input").Input("benelux");
        page.WaitForAssertion(() => Assert.Contains("Its partners join the existing region Benelux.", page.Markup, StringComparison.Ordinal), Patience);
        Click(page, "Continue");

        page.WaitForAssertion(() => Assert.Contains("Merge BeNeLux into Benelux? 2 partners move to Benelux, and BeNeLux is no longer listed.",
            page.Markup, StringComparison.Ordinal), Patience);
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(2, await db.Partners.CountAsync(p => p.Region == "BeNeLux"));
        }

        Click(page, "Merge");

        page.WaitForAssertion(() => Assert.Equal(
            [("Benelux", "3"), ("EMEA", "1")],
            page.FindAll("tbody tr").Select(r => (r.QuerySelector("td[data-label=Region]")!.TextContent.Trim(),
                r.QuerySelector("td[data-label=Partners]")!.TextContent.Trim()))), Patience);
        Assert.Contains("Merged BeNeLux into Benelux: 2 partners moved.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_moves_nobody()
    {
        var page = OpenDialogFor("EMEA");
        page.Find(".mud-dialog input").Input("Europe");
        Click(page, "Continue");
        page.WaitForAssertion(() => Assert.Contains("Rename EMEA to Europe? 1 partner changes region.", page.Markup, StringComparison.Ordinal), Patience);

        Click(page, "Cancel");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Patience);
        await using var db = Database.CreateContext();
        Assert.Equal(1, await db.Partners.CountAsync(p => p.Region == "EMEA"));
    }

    [Fact]
    public void The_same_name_again_is_refused_beside_the_field()
    {
        var page = OpenDialogFor("EMEA");

        page.Find(".mud-dialog input").Input(" EMEA");
        Click(page, "Continue");

        page.WaitForAssertion(() => Assert.Contains("The region is already called \"EMEA\".",
            page.Find(".mud-dialog .mud-input-control").TextContent, StringComparison.Ordinal), Patience);
    }
}
