using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Partners;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class PartnerListTests : ComponentTestBase
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderList(string url = "partners")
    {
        Navigation.NavigateTo(url);
        return RenderWithProviders(b =>
        {
            b.OpenComponent<PartnerList>(0);
            b.CloseComponent();
        });
    }

    private static List<string> Names(IRenderedComponent<Bunit.Rendering.ContainerFragment> list) =>
        list.FindAll("td[data-label=Name] a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_list_shows_partners_from_the_database_with_stage_chips_and_the_total()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso", stage: Stage.Hopeful));
        await AddPartnerAsync(TestData.PartnerRow("Fabrikam", stage: Stage.Denial, assessedDaysAgo: 120));
        await AddPartnerAsync(TestData.PartnerRow("Northwind"));

        var list = RenderList();

        list.WaitForAssertion(() => Assert.Equal(["Contoso", "Fabrikam", "Northwind"], Names(list)), Patience);
        Assert.Equal("3 partners", list.Find("[data-testid=partner-total]").TextContent.Trim());
        Assert.Equal(["Hopeful", "Denial"], list.FindAll("td[data-label=Stage] [data-stage]").Select(chip => chip.GetAttribute("data-stage")));
        Assert.Equal(2, list.FindAll("[data-testid=overdue-chip]").Count); // Fabrikam, and Northwind was never assessed
    }

    [Fact]
    public async Task The_list_pages_in_the_database_and_keeps_the_page_in_the_url()
    {
        for (var i = 1; i <= 30; i++)
        {
            await AddPartnerAsync(TestData.PartnerRow($"Partner {i:00}"));
        }

        var list = RenderList("partners?page=2");

        list.WaitForAssertion(() => Assert.Equal(["Partner 26", "Partner 27", "Partner 28", "Partner 29", "Partner 30"], Names(list)), Patience);
        Assert.Equal("30 partners", list.Find("[data-testid=partner-total]").TextContent.Trim());
    }

    // Whichever page the table settles on, its rows, its caption and the URL agree: a huge page
    // number once showed "0--1,794,967,321 of 0".
    [Theory]
    [InlineData("partners?page=99999999", "partners?page=2", "26-30 of 30", "Partner 26")]
    [InlineData("partners?page=3", "partners", "1-25 of 30", "Partner 01")]
    public async Task A_page_past_the_end_shows_a_real_page_and_the_url_says_which(string url, string settled, string caption, string first)
    {
        for (var i = 1; i <= 30; i++)
        {
            await AddPartnerAsync(TestData.PartnerRow($"Partner {i:00}"));
        }

        var list = RenderList(url);

        list.WaitForAssertion(() => Assert.Equal(first, Names(list).FirstOrDefault()), Patience);
        list.WaitForAssertion(() => Assert.EndsWith(settled, Navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.Equal(caption, list.Find(".mud-table-pagination-caption").TextContent.Trim());
    }

    [Fact]
    public async Task A_stage_filter_in_the_url_narrows_the_list()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso", stage: Stage.Hopeful));
        await AddPartnerAsync(TestData.PartnerRow("Fabrikam", stage: Stage.Denial));
        await AddPartnerAsync(TestData.PartnerRow("Litware", stage: Stage.Despair));

        var list = RenderList("partners?stage=Denial,Despair&sort=Name&desc=true");

        list.WaitForAssertion(() => Assert.Equal(["Litware", "Fabrikam"], Names(list)), Patience);
    }

    [Fact]
    public async Task Turning_on_a_filter_narrows_the_list_and_writes_it_to_the_url()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso", stage: Stage.Hopeful));
        await AddPartnerAsync(TestData.PartnerRow("Fabrikam", stage: Stage.Hopeful, assessedDaysAgo: 200));
        var list = RenderList();
        list.WaitForAssertion(() => Assert.Equal(2, Names(list).Count), Patience);

        list.Find("label:contains('Overdue only') input").Change(true);

        list.WaitForAssertion(() => Assert.Equal(["Fabrikam"], Names(list)), Patience);
        Assert.EndsWith("/partners?overdue=true", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_partners_shows_only_the_signed_in_managers_partners()
    {
        await AddPartnerAsync(TestData.PartnerRow("Mine", ownerId: TestData.ManagerId));
        await AddPartnerAsync(TestData.PartnerRow("Theirs", ownerId: TestData.OtherManagerId));
        var list = RenderList();
        list.WaitForAssertion(() => Assert.Equal(2, Names(list).Count), Patience);

        list.Find("label:contains('My partners') input").Change(true);

        list.WaitForAssertion(() => Assert.Equal(["Mine"], Names(list)), Patience);
        Assert.EndsWith($"/partners?owner={TestData.ManagerId}", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_portfolio_invites_a_channel_manager_to_add_the_first_partner()
    {
        var list = RenderList();

        list.WaitForAssertion(() => Assert.Contains("No partners yet — add the first one.", list.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains(list.FindAll("button"), b => b.TextContent.Contains("Add the first partner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_match_offers_to_clear_the_filters()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso"));

        var list = RenderList("partners?q=zzz");

        list.WaitForAssertion(() => Assert.Contains("No partners match these filters.", list.Markup, StringComparison.Ordinal), Patience);
        list.FindAll("button").First(b => b.TextContent.Trim() == "Clear filters").Click();
        list.WaitForAssertion(() => Assert.Equal(["Contoso"], Names(list)), Patience);
    }

    [Fact]
    public async Task An_executive_sees_no_add_button()
    {
        SignInAs(TestData.Executive);
        await AddPartnerAsync(TestData.PartnerRow("Contoso"));

        var list = RenderList();

        list.WaitForAssertion(() => Assert.Equal(["Contoso"], Names(list)), Patience);
        Assert.DoesNotContain(list.FindAll("button"), b => b.TextContent.Contains("Add", StringComparison.Ordinal));
        Assert.DoesNotContain("My partners", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_url_round_trips_every_filter()
    {
        var query = new PartnerQuery
        {
            Search = "con to", Stages = [Stage.Despair, Stage.Denial], OwnerId = TestData.ManagerId, Region = "EMEA & UK",
            SolutionArea = Core.Partners.SolutionArea.Security, OverdueOnly = true, PendingRegressionOnly = true, Archived = true,
            Sort = PartnerSort.LastAssessed, Descending = true, Page = 1,
        };

        var url = PartnerListUrl.For(query);

        Assert.Equal($"partners?q=con%20to&stage=Denial,Despair&owner={TestData.ManagerId}&region=EMEA%20%26%20UK&area=Security&overdue=true"
            + "&pending=true&archived=true&sort=LastAssessed&desc=true&page=2", url);
        Assert.Equal(url, PartnerListUrl.For(PartnerListUrl.Parse(url)));
        Assert.Equal(url, PartnerListUrl.For(PartnerListUrl.Parse("http://localhost/" + url + "#top")));
    }

    [Fact]
    public void The_url_round_trips_every_drill_down()
    {
        var query = new PartnerQuery
        {
            Stages = [Stage.Hopeful], StageOn = new DateOnly(2026, 3, 31), Since = new DateOnly(2026, 1, 1), Until = new DateOnly(2026, 11, 26),
            MovedOnly = true, MovedFrom = Stage.Hopeful, MovedTo = Stage.Plateau, UnassessedOnly = true, StuckOnly = true,
            FallingOnly = true, AtRiskOnly = true,
        };

        var url = PartnerListUrl.For(query);

        Assert.Equal("partners?stage=Hopeful&on=2026-03-31&since=2026-01-01&until=2026-11-26&moved=true&from=Hopeful&to=Plateau"
            + "&unassessed=true&stuck=true&falling=true&atrisk=true", url);
        var parsed = PartnerListUrl.Parse(url);
        Assert.Equal(new DateOnly(2026, 3, 31), parsed.StageOn);
        Assert.Equal(new DateOnly(2026, 1, 1), parsed.Since);
        Assert.Equal(new DateOnly(2026, 11, 26), parsed.Until);
        Assert.True(parsed is { MovedOnly: true, MovedFrom: Stage.Hopeful, MovedTo: Stage.Plateau, UnassessedOnly: true, StuckOnly: true,
            FallingOnly: true, AtRiskOnly: true });
        Assert.Equal(url, PartnerListUrl.For(parsed));
    }

    [Fact]
    public void Malformed_drill_down_values_are_ignored()
    {
        var parsed = PartnerListUrl.Parse("partners?on=31/03/2026&since=yesterday&from=Ecstasy&to=plateau&stuck=yes&page=x");

        Assert.Null(parsed.StageOn);
        Assert.Null(parsed.Since);
        Assert.Null(parsed.MovedFrom);
        Assert.Equal(Stage.Plateau, parsed.MovedTo);
        Assert.False(parsed.StuckOnly);
        Assert.Equal(0, parsed.Page);
    }

    [Fact]
    public async Task A_drill_down_link_narrows_the_list_and_says_why_until_removed()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso", stage: Stage.Hopeful));
        await AddPartnerAsync(TestData.PartnerRow("Fabrikam"));

        var list = RenderList("partners?unassessed=true");

        list.WaitForAssertion(() => Assert.Equal(["Fabrikam"], Names(list)), Patience);
        Assert.Equal("Not assessed yet", list.Find("[data-testid=drill-down]").TextContent.Trim());
        list.Find("button[aria-label='Remove filter: Not assessed yet']").Click();

        list.WaitForAssertion(() => Assert.Equal(["Contoso", "Fabrikam"], Names(list)), Patience);
        Assert.Empty(list.FindAll("[data-testid=drill-down]"));
        Assert.EndsWith("/partners", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Drill_downs_are_told_in_words()
    {
        string[] Labels(PartnerQuery query) => DrillDowns.Describe(query).Select(d => d.Label).ToArray();
        var period = new PartnerQuery { Since = new DateOnly(2026, 1, 1), Until = new DateOnly(2026, 11, 26) };

        Assert.Equal(["Stage at end of 31 Mar 2026: Hopeful Performance"],
            Labels(new PartnerQuery { StageOn = new DateOnly(2026, 3, 31), Stages = [Stage.Hopeful] }));
        Assert.Equal(["Moved Hopeful Performance → Devolution / Plateau, 1 Jan – 26 Nov 2026"],
            Labels(period with { MovedFrom = Stage.Hopeful, MovedTo = Stage.Plateau }));
        Assert.Equal(["At risk: pending regression, or maturity index down 5+ points"],
            Labels(new PartnerQuery { AtRiskOnly = true }));
        Assert.Equal(["Stuck in Denial or Despair for 6+ months"], Labels(new PartnerQuery { StuckOnly = true }));
        Assert.Empty(Labels(period));

        var removed = DrillDowns.Describe(period with { MovedTo = Stage.Plateau }).Single().Without;
        Assert.Equal("partners", PartnerListUrl.For(removed));
    }

    // The link once replaced "partners" with "partners.csv" everywhere, the search term included.
    [Theory]
    [InlineData("partners")]
    [InlineData("partners.csv")]
    [InlineData("csv")]
    [InlineData("Partners & Co #1")]
    [InlineData("100% + more partners")]
    [InlineData("Café Conseil")]
    public async Task The_export_link_exports_the_list_it_was_clicked_on(string search)
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso"));
        var query = new PartnerQuery { Search = search, Region = "EMEA", Sort = PartnerSort.Region, Descending = true, Page = 2 };

        var list = RenderList(PartnerListUrl.For(query));

        var href = list.FindAll("a").Single(a => a.TextContent.Trim() == "Export CSV").GetAttribute("href")!;
        var link = new Uri(new Uri("http://localhost/"), href);
        Assert.Equal("/export/partners.csv", link.AbsolutePath);
        Assert.Empty(link.Fragment);
        // Every page of the list, with the rest of the query as it was.
        var exported = PartnerListUrl.Parse(link.Query);
        Assert.Equal(search, exported.Search);
        Assert.Equal("EMEA", exported.Region);
        Assert.Equal(PartnerSort.Region, exported.Sort);
        Assert.True(exported.Descending);
        Assert.Equal(0, exported.Page);
    }
}
