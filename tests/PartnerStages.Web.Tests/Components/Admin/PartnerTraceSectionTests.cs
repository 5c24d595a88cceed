using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;
using PartnerStages.Web.Components.Pages.Admin.Rules;

namespace PartnerStages.Web.Tests.Components.Admin;

// The one-partner trace on the draft page, over the real services. Ash's two check-ins, under v1 and
// under a draft that lowers Soaring's index bar to 55:
//   30 days ago  3 field contacts, index 57.5   v1 Hopeful (index under 75)    draft Soaring
//    5 days ago  no field contacts               v1 Hopeful, stays              draft Plateau (was Soaring, no contacts), pending
// Birch (never assessed) has nothing to trace.
public sealed class PartnerTraceSectionTests : ComponentTestBase
{
    private RuleSet _draft = default!;
    private int _latest;
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    protected override bool RendersItsOwnProviders => true;

    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        var ash = await AddPartnerAsync(TestData.PartnerRow("Ash"));
        await RecordAsync(ash, TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80), daysAgo: 30);
        _latest = (await RecordAsync(ash, TestData.Inputs(fieldContacts: 0, coSell: 1, capability: 80), daysAgo: 5)).AssessmentId;
        await AddPartnerAsync(TestData.PartnerRow("Birch"));
        var rules = Services.GetRequiredService<RuleSetService>();
        var draft = await rules.GetAsync(TestData.Administrator, await rules.StartDraftAsync(TestData.Administrator, 1));
        _draft = draft.Rules with { Soaring = draft.Rules.Soaring with { MaturityIndexAtLeast = 55 } };
    }

    private IRenderedComponent<PartnerTraceSection> TraceOf(string name, RuleSet? draft = null)
    {
        _popovers = Render<MudPopoverProvider>();
        var section = Render<PartnerTraceSection>(p => p.Add(x => x.Draft, draft ?? _draft));
        section.Find("input").Input(name[..2]);
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == name), Patience);
        _popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == name).Click();
        section.WaitForElement("[aria-label='Trace summary']", Patience);
        return section;
    }

    private static IReadOnlyList<IElement> Cards(IRenderedComponent<PartnerTraceSection> section) => section.FindAll("[data-check-in]");

    private static string Landed(IElement card, int version) =>
        card.QuerySelector($"[data-version='{version}'] [data-testid=trace-landed]")!.TextContent.Trim();

    [Fact]
    public void Each_check_in_shows_both_verdicts_side_by_side_newest_first()
    {
        var section = TraceOf("Ash");

        var summary = section.Find("[aria-label='Trace summary']");
        Assert.Equal("2", summary.GetAttribute("data-differs"));
        Assert.Contains("v1 has the partner at Hopeful Performance and v2 at Soaring Execution (Devolution / Plateau pending)",
            summary.TextContent, StringComparison.Ordinal);
        var cards = Cards(section);
        Assert.Equal(2, cards.Count);
        Assert.Equal(_latest.ToString(System.Globalization.CultureInfo.InvariantCulture), cards[0].GetAttribute("data-check-in"));
        Assert.Equal("stays Hopeful Performance", Landed(cards[0], 1));
        Assert.Equal("a step down, waiting for confirmation: stays Soaring Execution", Landed(cards[0], 2));
        Assert.Equal("first stage: Hopeful Performance", Landed(cards[1], 1));
        Assert.Equal("first stage: Soaring Execution", Landed(cards[1], 2));
        Assert.All(cards, c => Assert.Contains("by rule set v1", c.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Why_explains_both_verdicts_of_one_check_in()
    {
        var section = TraceOf("Ash");

        Cards(section)[1].QuerySelector("button")!.Click();

        var card = Cards(section)[1];
        Assert.Equal("true", card.QuerySelector("button")!.GetAttribute("aria-expanded"));
        Assert.NotNull(card.QuerySelector("[aria-label='Why v1 says Hopeful Performance']"));
        Assert.NotNull(card.QuerySelector("[aria-label='Why v2 says Soaring Execution']"));
        Assert.Contains("Maturity index", card.QuerySelector("[aria-label='What decided v2']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Cards(section)[0].QuerySelectorAll("[aria-label^='Why v']"));
    }

    [Fact]
    public void The_trace_follows_the_draft_as_it_is_edited()
    {
        var section = TraceOf("Ash");

        section.Render(p => p.Add(x => x.Draft, _draft with { Soaring = _draft.Soaring with { MaturityIndexAtLeast = 75 } }));

        section.WaitForAssertion(() => Assert.Equal("0", section.Find("[aria-label='Trace summary']").GetAttribute("data-differs")), Patience);
        Assert.All(Cards(section), c => Assert.Equal("false", c.GetAttribute("data-differs")));
    }

    [Fact]
    public void A_partner_never_assessed_has_nothing_to_trace_and_an_invalid_draft_cannot_be_traced()
    {
        var section = TraceOf("Birch");

        Assert.Equal("Birch has no standing check-in to trace.", section.Find("[aria-label='Trace summary']").TextContent.Trim());
        section.Render(p => p.Add(x => x.Draft, _draft with { Soaring = _draft.Soaring with { MaturityIndexAtLeast = 500 } }));
        Assert.Contains("Fix the draft's values above to trace a partner under it.", section.Markup, StringComparison.Ordinal);
        Assert.True(section.Find("input").HasAttribute("disabled"));
    }
}
