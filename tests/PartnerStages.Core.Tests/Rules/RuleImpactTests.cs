using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

// A hand-built portfolio of eight partners, each worked out by hand under v1 (the default) and a
// draft v2 that lowers Soaring's index bar to 60, tightens Denial to fluency ≤ 1 and widens Despair
// to delivery confidence ≤ 3 (default weights, so indices are the same under both):
//   A  Inputs()                     index 64.8  Hopeful → Soaring   (64.8 ≥ 60, every other Soaring condition met)
//   B  fluency 2                    index 59.8  Denial  → Hopeful   (2 > 1 now; 59.8 < 60)
//   C  Soaring(), was Soaring       index 100   Soaring → Soaring   (momentum 0)
//   D  delivery 2                   index 57.3  Despair → Despair
//   E  fluency 1, conviction 1      index 49.8  Denial  → Denial    (1 ≤ 1)
//   F  agility 2, was Soaring       index 59.8  Plateau → Plateau   (agility ≤ 2)
//   G  delivery 3                   index 61.0  Hopeful → Despair   (3 ≤ 3; delivery 3 < 4 keeps it off Soaring)
//   H  Inputs(), overridden to Soaring          Hopeful → Soaring
public class RuleImpactTests
{
    private static readonly RuleSet V1 = RuleSet.Default;

    internal static readonly RuleSet Draft = V1 with
    {
        Version = 2,
        Soaring = V1.Soaring with { MaturityIndexAtLeast = 60 },
        Denial = V1.Denial with { ProgrammeFluencyAtMost = 1 },
        Despair = V1.Despair with { DeliveryConfidenceAtMost = 3 },
    };

    private static ImpactCase Case(int id, Stage recorded, Core.Assessments.AssessmentInputs inputs, PartnerHistory? history = null,
        StageStatus? status = null) =>
        new(id, inputs, history ?? TestData.History(), recorded, status ?? new StageStatus(recorded));

    internal static readonly ImpactCase[] Portfolio =
    [
        Case(1, Stage.Hopeful, TestData.Inputs()),
        Case(2, Stage.Denial, TestData.Inputs(fluency: 2)),
        Case(3, Stage.Soaring, TestData.Soaring(), TestData.History(hasBeenSoaring: true, previousIndex: 100)),
        Case(4, Stage.Despair, TestData.Inputs(delivery: 2)),
        Case(5, Stage.Denial, TestData.Inputs(fluency: 1, conviction: 1)),
        Case(6, Stage.Plateau, TestData.Inputs(agility: 2), TestData.History(hasBeenSoaring: true)),
        Case(7, Stage.Hopeful, TestData.Inputs(delivery: 3)),
        Case(8, Stage.Hopeful, TestData.Inputs(), status: new StageStatus(Stage.Soaring, null, new StageOverride(Stage.Soaring, "Won the award"))),
    ];

    [Fact]
    public void The_draft_is_valid_and_the_worked_indices_hold()
    {
        Assert.Empty(Draft.Validate());
        Assert.Equal([64.8, 59.8, 100, 57.3, 49.8, 59.8, 61.0, 64.8],
            Portfolio.Select(c => DerivedSignals.ComputeMaturityIndex(c.Inputs, V1)));
    }

    [Fact]
    public void Stage_counts_before_and_after_are_the_worked_ones()
    {
        var impact = RuleImpact.Compute(Portfolio, V1, Draft);

        Assert.Equal((8, 4), (impact.Partners, impact.Moving));
        Assert.Equal([2, 1, 3, 1, 1], Enum.GetValues<Stage>().Select(impact.Before));
        Assert.Equal([1, 2, 1, 3, 1], Enum.GetValues<Stage>().Select(impact.After));
    }

    [Fact]
    public void Every_cell_of_the_from_to_table_is_the_worked_one_and_lists_as_many_partners_as_it_counts()
    {
        var impact = RuleImpact.Compute(Portfolio, V1, Draft);
        var expected = new Dictionary<(Stage, Stage), int[]>
        {
            [(Stage.Hopeful, Stage.Soaring)] = [1, 8],
            [(Stage.Denial, Stage.Hopeful)] = [2],
            [(Stage.Soaring, Stage.Soaring)] = [3],
            [(Stage.Despair, Stage.Despair)] = [4],
            [(Stage.Denial, Stage.Denial)] = [5],
            [(Stage.Plateau, Stage.Plateau)] = [6],
            [(Stage.Hopeful, Stage.Despair)] = [7],
        };

        foreach (var from in Enum.GetValues<Stage>())
        {
            foreach (var to in Enum.GetValues<Stage>())
            {
                var partners = expected.GetValueOrDefault((from, to), []);
                Assert.Equal(partners, impact.PartnersMoving(from, to));
                Assert.Equal(partners.Length, impact.Count(from, to));
            }
        }
    }

    [Fact]
    public void Publishing_with_re_evaluation_applies_improvements_and_holds_the_regression_pending()
    {
        var impact = RuleImpact.Compute(Portfolio, V1, Draft);

        // G's Despair waits (Hopeful stays); H was already Soaring by hand; A and B improve.
        Assert.Equal([1, 1, 2, 3, 1], Enum.GetValues<Stage>().Select(impact.AfterPublishing));
        Assert.Equal(StageOutcome.RegressionPending, Portfolio[6].Reevaluate(Stage.Despair)!.Outcome);
        Assert.Null(Portfolio[2].Reevaluate(Stage.Soaring));
    }

    [Fact]
    public void A_re_evaluation_repeating_a_pending_regression_does_not_confirm_it()
    {
        var status = new StageStatus(Stage.Soaring, Pending: Stage.Hopeful);

        var update = status.Reconsider(Stage.Hopeful);

        Assert.Equal((Stage.Soaring, (Stage?)Stage.Hopeful, StageOutcome.RegressionPending), (update.Status.Current, update.Status.Pending, update.Outcome));
        Assert.Null(update.Change);
        Assert.Equal(Core.Assessments.StageChangeCause.RuleSetPublished, new StageStatus(Stage.Hopeful).Reconsider(Stage.Soaring).Change!.Cause);
    }

    [Fact]
    public void With_other_weights_momentum_compares_the_previous_check_in_under_the_same_weights()
    {
        var reweighted = V1 with { Version = 2, Weights = V1.Weights with { Agility = 0.05, Awards = 0.10 } };
        var withPrevious = Case(1, Stage.Hopeful, TestData.Inputs(), TestData.History(previousIndex: 64.8)) with { PreviousInputs = TestData.Inputs() };

        Assert.Equal(64.8, withPrevious.HistoryUnder(V1).PreviousMaturityIndex);
        Assert.Equal(61.0, withPrevious.HistoryUnder(reweighted).PreviousMaturityIndex);
        Assert.Equal(64.8, (withPrevious with { PreviousInputs = null }).HistoryUnder(reweighted).PreviousMaturityIndex);
    }
}
