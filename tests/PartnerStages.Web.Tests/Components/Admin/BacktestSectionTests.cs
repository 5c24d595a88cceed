using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;
using PartnerStages.Web.Components.Pages.Admin.Rules;

namespace PartnerStages.Web.Tests.Components.Admin;

// The backtest section over the real service. Ash (Today is 26 Nov 2026), under a draft with Soaring's bar at 55:
//   27 Oct  index 57.5, 3 field contacts   recorded Hopeful (first stage)   draft Soaring (first stage)
//   21 Nov  no field contacts              recorded stays Hopeful           draft Plateau, pending: no move
// So 2026 Q4 has no move either way, and at the end of October Ash is Hopeful as recorded and Soaring under the draft.
public sealed class BacktestSectionTests : ComponentTestBase
{
    private RuleSet _draft = default!;

    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        var ash = await AddPartnerAsync(TestData.PartnerRow("Ash"));
        await RecordAsync(ash, TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80), daysAgo: 30);
        await RecordAsync(ash, TestData.Inputs(fieldContacts: 0, coSell: 1, capability: 80), daysAgo: 5);
        var rules = Services.GetRequiredService<RuleSetService>();
        var draft = await rules.GetAsync(TestData.Administrator, await rules.StartDraftAsync(TestData.Administrator, 1));
        _draft = draft.Rules with { Soaring = draft.Rules.Soaring with { MaturityIndexAtLeast = 55 } };
    }

    private IRenderedComponent<BacktestSection> Run(RuleSet draft)
    {
        var section = Render<BacktestSection>(p => p.Add(x => x.Draft, draft));
        section.FindAll("button").Single(b => b.TextContent.Trim() == "Run the backtest").Click();
        section.WaitForElement("[aria-label='Backtest summary']", Patience);
        return section;
    }

    [Fact]
    public void The_backtest_sets_the_draft_s_history_beside_the_recorded_one()
    {
        var section = Run(_draft);

        Assert.Contains("1 partners, 2 check-ins replayed under v2", section.Find("[aria-label='Backtest summary']").TextContent, StringComparison.Ordinal);
        Assert.Equal(["0", "0", "0", "0"], section.FindAll("tr[data-quarter='2026 Q4'] td").Select(td => td.TextContent.Trim()));
        var october = section.Find("tr[data-month-end='2026-10-31']");
        Assert.Equal("1 → 0", october.QuerySelector("td[data-stage=Hopeful]")!.TextContent.Trim());
        Assert.Equal("0 → 1", october.QuerySelector("td[data-stage=Soaring]")!.TextContent.Trim());
        Assert.Single(section.FindAll("tr[data-month-end]"));
    }

    [Fact]
    public void Other_values_clear_the_figures_until_asked_again()
    {
        var section = Run(_draft);

        section.Render(p => p.Add(x => x.Draft, _draft with { Soaring = _draft.Soaring with { MaturityIndexAtLeast = 75 } }));

        Assert.Empty(section.FindAll("[aria-label='Backtest summary']"));
    }
}
