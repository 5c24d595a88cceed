using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Shared;
using DashboardPage = PartnerStages.Web.Components.Pages.Dashboard.Dashboard;

namespace PartnerStages.Web.Tests.Components.Dashboard;

// The dashboard over a small portfolio (days counted back from TestData.Today):
//   Alder (manager, EMEA)        Denial 200 days ago, Hopeful 20 days ago
//   Birch (manager, EMEA)        Soaring 300 days ago, Plateau 10 days ago
//   Cedar (other manager, APAC)  Despair 250 days ago, not assessed since: stuck and overdue
//   Fir   (other manager, APAC)  never assessed
public sealed class DashboardTests : ComponentTestBase
{
    private static readonly DateOnly Today = TestData.Today;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderDashboard(string url = "dashboard")
    {
        Navigation.NavigateTo(url);
        return RenderWithProviders(b =>
        {
            b.OpenComponent<DashboardPage>(0);
            b.CloseComponent();
        });
    }

    private async Task AddPortfolioAsync()
    {
        await using var db = Database.CreateContext();
        Partner Add(string name, string owner, string region, params (Stage? From, Stage To, int DaysAgo)[] moves)
        {
            var partner = new Partner(name, region, SolutionArea.DataAndAi, ProgrammeLevel.Member, new DateOnly(2022, 1, 1), owner);
            foreach (var move in moves)
            {
                partner.RecordStage(move.To, Today.AddDays(-move.DaysAgo), null, null);
                partner.MarkAssessed(Today.AddDays(-move.DaysAgo), momentum: null);
            }

            db.Partners.Add(partner);
            db.SaveChanges();
            foreach (var move in moves)
            {
                db.StageChanges.Add(new StageChange(partner.Id, move.From, move.To, Today.AddDays(-move.DaysAgo), StageChangeCause.Rules,
                    null, TestData.AdministratorId, null, Today.ToDateTime(TimeOnly.MinValue)));
            }

            return partner;
        }

        Add("Alder", TestData.ManagerId, "EMEA", (null, Stage.Denial, 200), (Stage.Denial, Stage.Hopeful, 20));
        Add("Birch", TestData.ManagerId, "EMEA", (null, Stage.Soaring, 300), (Stage.Soaring, Stage.Plateau, 10));
        Add("Cedar", TestData.OtherManagerId, "APAC", (null, Stage.Despair, 250));
        Add("Fir", TestData.OtherManagerId, "APAC");
        await db.SaveChangesAsync();
    }

    // A table found by its accessible name (its caption), as a screen reader or GetByRole would find it.
    private static AngleSharp.Dom.IElement TableNamed(IRenderedComponent<Bunit.Rendering.ContainerFragment> dashboard, string name) =>
        dashboard.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == name);

    private static List<string> RowHeaders(IRenderedComponent<Bunit.Rendering.ContainerFragment> dashboard, string table) =>
        TableNamed(dashboard, table).QuerySelectorAll("th[scope=row]").Select(th => th.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_caption_names_the_active_rule_set_and_follows_a_publish()
    {
        // The caption alone: the whole dashboard would still be loading its panels when the test ends.
        Assert.Contains("Rule set v1 is active", Render<PartnerStages.Web.Components.Pages.Dashboard.ActiveRuleSetCaption>().WaitForElement("[data-testid=active-rule-set]", Patience).TextContent, StringComparison.Ordinal);

        await PublishNextVersionAsync();

        var caption = Render<PartnerStages.Web.Components.Pages.Dashboard.ActiveRuleSetCaption>().WaitForElement("[data-testid=active-rule-set]", Patience).TextContent;
        Assert.Contains("Rule set v2 is active (since", caption, StringComparison.Ordinal);
        Assert.Contains("earlier verdicts keep the version that gave them", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_portfolio_says_what_to_do_and_links_to_the_partners()
    {
        SignInAs(TestData.Executive);

        var dashboard = RenderDashboard();

        var empty = dashboard.WaitForElement("[data-testid=dashboard-empty]", Patience);
        Assert.Contains("No partners yet — channel managers add them, or an administrator imports them.", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains(dashboard.FindAll("a"), a => a.GetAttribute("href") == "partners");
        Assert.Empty(dashboard.FindAll("[data-testid=dashboard-ready]"));
    }

    [Fact]
    public void An_empty_portfolio_tells_an_administrator_what_to_do_rather_than_whom_to_ask()
    {
        SignInAs(TestData.Administrator);

        var dashboard = RenderDashboard();

        var empty = dashboard.WaitForElement("[data-testid=dashboard-empty]", Patience);
        Assert.DoesNotContain("ask an administrator", empty.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("import them from a CSV file, or load a sample portfolio", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains(empty.QuerySelectorAll("a"), a => a.GetAttribute("href") == "admin/import");
        Assert.Contains(empty.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Load a sample portfolio");
    }

    [Fact]
    public async Task Every_count_is_a_link_to_the_list_of_exactly_those_partners()
    {
        await AddPortfolioAsync();
        SignInAs(TestData.Executive);

        var dashboard = RenderDashboard();

        dashboard.WaitForElement("[data-testid=dashboard-ready]", Patience);
        Assert.Equal("1", Tile(dashboard, Stage.Hopeful).TextContent.Trim());
        Assert.Equal("1", Tile(dashboard, Stage.Plateau).TextContent.Trim());
        Assert.Equal("0", Tile(dashboard, Stage.Soaring).TextContent.Trim());
        Assert.Equal("1", dashboard.Find("[data-move=Soaring-Plateau] a").TextContent.Trim());
        Assert.Equal("1", dashboard.Find("[data-testid=stuck-count] a").TextContent.Trim());
        Assert.Equal("2", dashboard.Find("[data-testid=overdue-count] a").TextContent.Trim()); // Cedar, and Fir was never assessed

        // The links are exactly the figures' queries, and each list holds as many partners as its link says.
        var figures = await Services.GetRequiredService<DashboardService>().GetAsync(new DashboardFilter
        {
            From = Today.AddMonths(-12).AddDays(1), To = Today,
        });
        var links = dashboard.FindAll("a.figure-link").Select(a => (Href: a.GetAttribute("href")!, Value: int.Parse(a.GetAttribute("data-figure")!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var expected = AllFigures(figures).Select(f => (Href: PartnerListUrl.For(f.Query), f.Value)).ToList();
        Assert.Equal(expected.Order(), links.Order());
        var partners = Services.GetRequiredService<PartnerService>();
        foreach (var link in links.Distinct())
        {
            var query = PartnerListUrl.Parse(link.Href);
            Assert.Equal(link.Href, PartnerListUrl.For(query));
            Assert.Equal(link.Value, (await partners.ListAsync(query)).Total);
        }
    }

    [Fact]
    public async Task A_channel_manager_starts_on_its_own_portfolio_and_can_widen_it()
    {
        await AddPortfolioAsync();

        var dashboard = RenderDashboard();

        dashboard.WaitForElement("[data-testid=dashboard-ready]", Patience);
        Assert.StartsWith("Your partners · ", dashboard.Find("[data-testid=dashboard-scope]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Rule set v1 is active", dashboard.Find("[data-testid=active-rule-set]").TextContent, StringComparison.Ordinal);
        Assert.Equal([TestData.DisplayName(TestData.Manager)], RowHeaders(dashboard, "By owner"));
        Assert.Contains($"owner={TestData.ManagerId}", Tile(dashboard, Stage.Hopeful).GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(dashboard.FindAll("a[download]"), a => a.GetAttribute("href")!.Contains($"owner={TestData.ManagerId}", StringComparison.Ordinal));

        Navigation.NavigateTo("dashboard?owner=all&months=6");

        dashboard.WaitForAssertion(() => Assert.StartsWith("All partners · ", dashboard.Find("[data-testid=dashboard-scope]").TextContent.Trim(),
            StringComparison.Ordinal), Patience);
        dashboard.WaitForAssertion(() => Assert.Equal([TestData.DisplayName(TestData.Manager), TestData.DisplayName(TestData.OtherManager)],
            RowHeaders(dashboard, "By owner")), Patience);
        // Each panel fills in on its own: the distribution may arrive after the breakdowns.
        dashboard.WaitForAssertion(() => Assert.DoesNotContain("owner=", Tile(dashboard, Stage.Hopeful).GetAttribute("href"), StringComparison.Ordinal),
            Patience);
    }

    [Fact]
    public async Task A_filter_that_hides_everything_offers_to_show_all_partners()
    {
        await AddPortfolioAsync();

        var dashboard = RenderDashboard("dashboard?region=Nowhere");

        dashboard.WaitForAssertion(() => Assert.Contains("No partners match these filters", dashboard.Markup, StringComparison.Ordinal), Patience);
        dashboard.FindAll("button").Single(b => b.TextContent.Trim() == "Show all partners").Click();
        dashboard.WaitForElement("[data-testid=dashboard-ready]", Patience);
        Assert.Contains("owner=all", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_period_in_the_url_reloads_the_figures()
    {
        await AddPortfolioAsync();
        SignInAs(TestData.Executive);
        var dashboard = RenderDashboard("dashboard?months=12");
        int MonthRows() => TableNamed(dashboard, "Stage mix at each month end").QuerySelectorAll("tbody tr").Length;
        // Twelve whole months ending today hold 13 month ends: the one in the first, partial calendar month, and today.
        dashboard.WaitForAssertion(() => Assert.Equal(13, MonthRows()), Patience);

        await dashboard.InvokeAsync(() => Navigation.NavigateTo("dashboard?owner=all&months=3"));

        dashboard.WaitForAssertion(() => Assert.Equal(4, MonthRows()), Patience);
        Assert.Contains(dashboard.FindAll("a[download]"), a => a.GetAttribute("href") == "dashboard/export/mix.csv?owner=all&months=3");
    }

    private static AngleSharp.Dom.IElement Tile(IRenderedComponent<Bunit.Rendering.ContainerFragment> dashboard, Stage stage) =>
        dashboard.Find($"[data-stage-tile={stage}] .mt-2 a.figure-link");

    private static IEnumerable<Figure> AllFigures(DashboardFigures f) =>
        f.Now.ByStage.Values.Append(f.Now.NotAssessed!)
            .Concat(f.AtStart.ByStage.Values)
            .Concat(f.Months.SelectMany(m => m.ByStage.Values))
            .Concat(f.Transitions.Select(t => t.Partners))
            .Append(f.EnteredPlateau)
            .Concat([f.AtRisk.Count, f.Overdue.Count, f.Stuck.Count])
            .Concat(f.ByOwner.Concat(f.ByRegion).SelectMany(b => b.ByStage.Values.Prepend(b.Partners).Append(b.Overdue)));
}
