using CsCheck;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

// Per-condition counts on RuleImpactTests' hand-built portfolio of eight partners (A–H there), worked
// out by hand. Conditions, in order: Plateau [0] has been Soaring, [1] momentum ≤ −5, [2] agility ≤ 2,
// [3] contacts ≤ 0 (the last three alternatives); Soaring [4] index, [5] delivery ≥ 4, [6] contacts ≥ 2,
// [7] co-sell + awards ≥ 1, [8] capability ≥ 70, [9] momentum > −5; Denial [10] fluency, [11] conviction
// (alternatives); Despair [12] delivery.
//
// Under v1: Plateau is checked for all 8 and holds for F (soared, agility 2). C soared too with no
// decline, so each alternative alone would have made C a Plateau: each decides C; agility also decides
// F, and "has been Soaring" decides F only (for the others no alternative holds). Soaring is checked
// for the other 7 and holds for C only: each condition decides C; the index is also the one failure of
// A, B, E and H (D and G fail delivery as well). Denial is checked for 6 (not C, F): fluency holds for B
// and E, conviction for E; with no alternative held (A, D, G, H) each decides, and fluency alone decides
// B. Despair is checked for A, D, G, H: its one condition decides all four.
//
// Under the draft (index ≥ 60, fluency ≤ 1, delivery ≤ 3) Soaring holds for A, C, H; B and E fail the
// index alone, G fails delivery alone; D fails both. Denial is checked for B, D, E, G and holds for E
// (both alternatives, so neither decides it); Despair for B, D, G and holds for D and G.
public class ConditionHitsTests
{
    private static readonly RuleSet V1 = RuleSet.Default;

    [Fact]
    public void Held_and_decides_are_the_worked_counts_under_both_versions()
    {
        var impact = RuleImpact.Compute(RuleImpactTests.Portfolio, V1, RuleImpactTests.Draft);
        var before = impact.BeforeConditions;
        var after = impact.AfterConditions;

        Assert.Equal([2, 0, 1, 0, 1, 5, 7, 7, 7, 7, 2, 1, 1], Enumerable.Range(0, 13).Select(before.Held));
        Assert.Equal([1, 1, 2, 1, 5, 1, 1, 1, 1, 1, 5, 4, 4], Enumerable.Range(0, 13).Select(before.Decides));
        Assert.Equal([2, 0, 1, 0, 4, 5, 7, 7, 7, 7, 1, 1, 2], Enumerable.Range(0, 13).Select(after.Held));
        Assert.Equal([1, 1, 2, 1, 5, 4, 3, 3, 3, 3, 3, 3, 3], Enumerable.Range(0, 13).Select(after.Decides));
    }

    [Fact]
    public void Each_rule_is_checked_for_the_partners_no_earlier_rule_took_and_holds_as_often_as_its_stage_is_given()
    {
        var impact = RuleImpact.Compute(RuleImpactTests.Portfolio, V1, RuleImpactTests.Draft);
        Stage[] order = [Stage.Plateau, Stage.Soaring, Stage.Denial, Stage.Despair, Stage.Hopeful];

        Assert.Equal([8, 7, 6, 4, 3], order.Select(impact.BeforeConditions.Checked));
        Assert.Equal([1, 1, 2, 1, 3], order.Select(impact.BeforeConditions.Holds));
        Assert.Equal([8, 7, 4, 3, 1], order.Select(impact.AfterConditions.Checked));
        Assert.Equal([1, 3, 1, 2, 1], order.Select(impact.AfterConditions.Holds));
        Assert.All(order, stage => Assert.Equal(impact.After(stage), impact.AfterConditions.Holds(stage)));
    }

    [Fact]
    public void Conditions_carry_their_rules_names_and_each_versions_thresholds()
    {
        var impact = RuleImpact.Compute(RuleImpactTests.Portfolio, V1, RuleImpactTests.Draft);

        Assert.Equal(
            ["HasBeenSoaring", "Momentum", "Agility", "ActiveFieldContacts", "MaturityIndex", "DeliveryConfidence", "ActiveFieldContacts",
                "CoSellWinsPlusAwards", "CapabilityScore", "Momentum", "ProgrammeFluency", "InvestmentConviction", "DeliveryConfidence"],
            impact.BeforeConditions.Conditions.Select(c => c.Key));
        Assert.Equal((Stage.Soaring, 75.0), (impact.BeforeConditions.Conditions[4].Stage, impact.BeforeConditions.Conditions[4].Threshold));
        Assert.Equal(60.0, impact.AfterConditions.Conditions[4].Threshold);
        Assert.Equal([true, true, true], impact.AfterConditions.Conditions.Skip(1).Take(3).Select(c => c.AnyOf));
    }

    // A and D never soared: no Plateau alternative holds and "has been Soaring" fails, so nothing in
    // Plateau's rule could have changed either verdict on its own: it never decides anything.
    [Fact]
    public void A_portfolio_that_never_soared_has_Plateau_conditions_that_never_decide()
    {
        var hits = ConditionHits.Of(V1, [(TestData.Inputs(), TestData.History()), (TestData.Inputs(delivery: 2), TestData.History())]);

        Assert.Equal([0, 0, 0, 0], Enumerable.Range(0, 4).Select(hits.Decides));
        Assert.Equal(2, hits.Checked(Stage.Plateau));
        Assert.Equal(0, hits.Holds(Stage.Plateau));
    }

    // Why the 60-partner sample shows no mover when Soaring's bar drops to 50: its Hopeful partners above
    // 50 each fail another Soaring condition, and the ones that soared before meet Plateau first. Like two
    // of the sample's latest check-ins: a Hopeful partner with capability 68 (under a bar of 50 capability
    // alone keeps it out), and a former Soaring partner with agility 2 (Plateau, never checked for Soaring).
    [Fact]
    public void A_lower_index_bar_moves_nobody_another_condition_keeps_out_and_the_counts_say_which()
    {
        var capability68 = TestData.Inputs(capability: 68, contacts: 2, coSell: 2, awards: 1, delivery: 4);
        var declined = TestData.Soaring(agility: 2);
        ImpactCase[] portfolio =
        [
            new(1, capability68, TestData.History(previousIndex: DerivedSignals.ComputeMaturityIndex(capability68, V1) + 3.8), Stage.Hopeful, new StageStatus(Stage.Hopeful)),
            new(2, declined, TestData.History(hasBeenSoaring: true, previousIndex: 95), Stage.Plateau, new StageStatus(Stage.Soaring)),
        ];
        var lowered = V1 with { Version = 2, Soaring = V1.Soaring with { MaturityIndexAtLeast = 50 } };

        var impact = RuleImpact.Compute(portfolio, V1, lowered);

        Assert.Equal(0, impact.Moving);
        Assert.Equal((1, 1), (impact.BeforeConditions.Checked(Stage.Soaring), impact.AfterConditions.Checked(Stage.Soaring)));
        Assert.Equal((0, 1), (impact.BeforeConditions.Decides(8), impact.AfterConditions.Decides(8)));
        Assert.Equal((0, 1), (impact.BeforeConditions.Held(4), impact.AfterConditions.Held(4)));
    }

    // Evaluate states the rules a third time, for speed: it must agree with Explain condition by
    // condition and with Classify on the stage.
    [Fact]
    public void Evaluate_agrees_with_Explain_on_every_condition_and_with_Classify_on_the_rule_that_holds() =>
        Gen.Select(StageClassifierPropertyTests.Inputs, Gen.Bool, Gen.Int[0, 1000].Select(i => i / 10.0).Nullable(0.2))
            .Sample((inputs, soared, previousIndex) =>
            {
                var history = TestData.History(hasBeenSoaring: soared, previousIndex: previousIndex);
                Span<bool> met = stackalloc bool[StageClassifier.ConditionCount];
                StageClassifier.Evaluate(inputs, history, V1, met);
                var conditions = StageClassifier.ConditionsOf(V1);
                var verdict = StageClassifier.Explain(inputs, history, V1);

                var matched = conditions.Select((c, i) => (c, i)).Where(x => x.c.Stage == verdict.Stage).ToList();
                Assert.Equal(verdict.Stage == Stage.Hopeful ? 0 : verdict.MatchedRule.Conditions.Count, matched.Count);
                foreach (var (c, i) in matched)
                {
                    var explained = verdict.MatchedRule.Conditions[i - matched[0].i];
                    Assert.Equal((explained.Key, explained.Threshold, explained.AnyOf, explained.Met), (c.Key, c.Threshold, c.AnyOf, met[i]));
                }

                foreach (var earlier in verdict.EarlierRules)
                {
                    foreach (var failed in earlier.Conditions)
                    {
                        var at = conditions.Select((c, i) => (c, i)).Single(x => x.c.Stage == earlier.Stage && x.c.Key == failed.Key).i;
                        Assert.Equal(failed.Met, met[at]);
                    }
                }

                var hits = ConditionHits.Of(V1, [(inputs, history)]);
                Assert.Equal(1, hits.Holds(StageClassifier.Classify(inputs, history, V1)));
            }, iter: 5_000);
}
