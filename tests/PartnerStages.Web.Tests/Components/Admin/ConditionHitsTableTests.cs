using Bunit;
using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Web.Components.Pages.Admin.Rules;

namespace PartnerStages.Web.Tests.Components.Admin;

// The per-condition table for two partners who never soared, under v1 and a draft with Soaring's bar at 55:
//   Ash    index 57.5, every other Soaring condition met: Hopeful under v1 (the index alone kept it out), Soaring under v2
//   Beech  DespairInputs (delivery 2, one field contact, capability 60): Despair under both, failing several Soaring conditions
// Plateau: nobody soared and no alternative holds, so none of its conditions decides anything. Soaring: only the
// index decides under v1 (Ash); under v2 Ash soars, so every Soaring condition decides Ash.
public sealed class ConditionHitsTableTests : ComponentTestBase
{
    private static readonly RuleSet Draft = RuleSet.Default with
    {
        Version = 2,
        Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 55 },
    };

    private IRenderedComponent<ConditionHitsTable> RenderTable()
    {
        (Core.Assessments.AssessmentInputs, PartnerHistory)[] cases =
        [
            (TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80), new PartnerHistory(TestData.Today, TestData.Today.AddYears(-2))),
            (TestData.DespairInputs, new PartnerHistory(TestData.Today, TestData.Today.AddYears(-2))),
        ];
        return Render<ConditionHitsTable>(p => p
            .Add(x => x.Before, ConditionHits.Of(RuleSet.Default, cases))
            .Add(x => x.After, ConditionHits.Of(Draft, cases)));
    }

    private static string Cell(IRenderedComponent<ConditionHitsTable> table, string condition, int column) =>
        table.Find($"tr[data-condition='{condition}']").QuerySelectorAll("td")[column].TextContent.Trim();

    [Fact]
    public void Plateau_conditions_that_never_decide_anything_are_marked()
    {
        var table = RenderTable();

        var plateau = table.FindAll("tr[data-condition^='Plateau.']");
        Assert.Equal(4, plateau.Count);
        Assert.All(plateau, row => Assert.Equal("both", row.GetAttribute("data-never")));
        Assert.All(plateau, row => Assert.EndsWith("never decides", row.QuerySelectorAll("td")[2].TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("checked for 2, holds for 0", table.Find("caption[data-rule=Plateau]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Soaring_shows_both_thresholds_and_counts_and_marks_what_decides_only_under_the_draft()
    {
        var table = RenderTable();

        // The index keeps its tenth wherever it is written (ConditionWording), thresholds included.
        Assert.Equal("Maturity index: at least 75.0 → at least 55.0", Cell(table, "Soaring.MaturityIndex", 0));
        Assert.Equal("0 → 1", Cell(table, "Soaring.MaturityIndex", 1));
        Assert.Equal("1", Cell(table, "Soaring.MaturityIndex", 2));
        Assert.False(table.Find("tr[data-condition='Soaring.MaturityIndex']").HasAttribute("data-never"));
        Assert.Equal("1", Cell(table, "Soaring.CapabilityScore", 1));
        var capability = table.Find("tr[data-condition='Soaring.CapabilityScore']");
        Assert.StartsWith("0 → 1", Cell(table, "Soaring.CapabilityScore", 2), StringComparison.Ordinal);
        Assert.Equal(("before", "never decides under v1"), (capability.GetAttribute("data-never"), capability.QuerySelector(".mud-chip")!.TextContent.Trim()));
        Assert.Contains("checked for 2, holds for 0 → 1", table.Find("caption[data-rule=Soaring]").TextContent, StringComparison.Ordinal);
        Assert.Contains("given 1 → 0 times", table.Find("[data-rule=Hopeful]").TextContent, StringComparison.Ordinal);
    }
}
