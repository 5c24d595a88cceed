using Bunit;
using PartnerStages.Core;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Dashboard;

namespace PartnerStages.Web.Tests.Components.Dashboard;

public sealed class BreakdownTableTests : ComponentTestBase
{
    // 30 owners, owner-01 with the most partners: the largest come first.
    private static List<Breakdown> Owners() => Enumerable.Range(1, 30).Select(i =>
    {
        var query = new PartnerQuery { OwnerId = $"owner-{i:00}" };
        return new Breakdown($"owner-{i:00}", $"Owner {i:00}", new Figure(100 - i, query),
            StageHealth.ByHealth.ToDictionary(s => s, s => new Figure(0, query with { Stages = [s] })), new Figure(0, query with { OverdueOnly = true }));
    }).Reverse().ToList();

    private static string[] Listed(IRenderedComponent<BreakdownTable> table) =>
        table.FindAll("tbody tr").Select(r => r.GetAttribute("data-key")!).ToArray();

    [Fact]
    public void A_long_breakdown_renders_one_page_of_the_largest_rows_and_pages_through_the_rest()
    {
        var table = Render<BreakdownTable>(p => p.Add(t => t.Title, "By owner").Add(t => t.KeyHeader, "Owner")
            .Add(t => t.Export, "owners").Add(t => t.Rows, Owners()));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"owner-{i:00}"), Listed(table));
        Assert.Contains("1–12 of 30", table.Markup, StringComparison.Ordinal);
        Assert.True(table.Find("button[aria-label='Previous owners']").HasAttribute("disabled"));

        table.Find("button[aria-label='Next owners']").Click();
        table.Find("button[aria-label='Next owners']").Click();

        Assert.Equal(Enumerable.Range(25, 6).Select(i => $"owner-{i:00}"), Listed(table));
        Assert.Contains("25–30 of 30", table.Markup, StringComparison.Ordinal);
        Assert.True(table.Find("button[aria-label='Next owners']").HasAttribute("disabled"));
    }
}
