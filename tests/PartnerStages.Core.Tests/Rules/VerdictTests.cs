using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class VerdictTests
{
    private static Verdict Explain(AssessmentInputs inputs, PartnerHistory? history = null, RuleSet? rules = null) =>
        StageClassifier.Explain(inputs, history ?? TestData.History(), rules ?? RuleSet.Default);

    private static Condition Find(IEnumerable<Condition> conditions, string key) => Assert.Single(conditions, c => c.Key == key);

    [Fact]
    public void The_matched_rule_lists_every_condition_with_actual_and_threshold()
    {
        var verdict = Explain(TestData.Soaring(delivery: 4));

        Assert.Equal(Stage.Soaring, verdict.MatchedRule.Stage);
        Assert.Equal(6, verdict.MatchedRule.Conditions.Count);
        Assert.All(verdict.MatchedRule.Conditions, c => Assert.True(c.Met, c.Name));
        var delivery = Find(verdict.MatchedRule.Conditions, nameof(AssessmentInputs.DeliveryConfidence));
        Assert.Equal((4.0, 4.0, Comparison.AtLeast), (delivery.Actual!.Value, delivery.Threshold, delivery.Comparison));
    }

    [Fact]
    public void Earlier_rules_list_only_the_conditions_that_stopped_them()
    {
        var verdict = Explain(TestData.Inputs());

        Assert.Equal(Stage.Hopeful, verdict.Stage);
        Assert.Equal([Stage.Plateau, Stage.Soaring, Stage.Denial, Stage.Despair], verdict.EarlierRules.Select(r => r.Stage));
        Assert.Equal(["HasBeenSoaring"], verdict.EarlierRules[0].Conditions.Select(c => c.Key));
        // Only the index (64.8) keeps this partner from Soaring.
        Assert.Equal([nameof(DerivedSignals.MaturityIndex)], verdict.EarlierRules[1].Conditions.Select(c => c.Key));
        Assert.Equal(2, verdict.EarlierRules[2].Conditions.Count);
        Assert.All(verdict.EarlierRules.SelectMany(r => r.Conditions), c => Assert.False(c.Met));
    }

    [Fact]
    public void A_plateau_rule_stopped_by_no_soaring_past_does_not_list_its_triggers()
    {
        var verdict = Explain(TestData.Inputs(agility: 1));

        Assert.Equal(["HasBeenSoaring"], verdict.EarlierRules[0].Conditions.Select(c => c.Key));
    }

    [Fact]
    public void The_verdict_carries_index_momentum_tenure_and_rule_set_version()
    {
        var history = TestData.History(previousIndex: 70, previousStage: Stage.Hopeful,
            joinedOn: new(2024, 1, 20), assessedOn: new(2025, 6, 15));
        var verdict = Explain(TestData.Inputs(), history, TestData.Rules(version: 7));

        Assert.Equal(64.8, verdict.MaturityIndex);
        Assert.Equal(-5.2, verdict.Momentum);
        Assert.Equal(16, verdict.TenureMonths);
        Assert.Equal(Stage.Hopeful, verdict.PreviousStage);
        Assert.Equal(7, verdict.RuleSetVersion);
    }

    [Fact]
    public void The_peak_stage_includes_this_verdict()
    {
        Assert.Equal(Stage.Soaring, Explain(TestData.Soaring(), TestData.History(previousStage: Stage.Hopeful)).PeakStage);
        Assert.Equal(Stage.Hopeful, Explain(TestData.Inputs(fluency: 1), TestData.History(previousStage: Stage.Hopeful)).PeakStage);
    }

    [Fact]
    public void Denial_aims_at_Hopeful_with_the_distance_to_each_threshold()
    {
        var path = Explain(TestData.Inputs(fluency: 1, delivery: 2)).PathForward;

        Assert.Equal(Stage.Hopeful, path.Target);
        Assert.Equal(
            [(nameof(AssessmentInputs.ProgrammeFluency), 2.0), (nameof(AssessmentInputs.DeliveryConfidence), 1.0)],
            path.Unmet.Select(c => (c.Key, c.Distance!.Value)));
    }

    [Fact]
    public void Hopeful_aims_at_Soaring_with_what_is_missing()
    {
        var path = Explain(TestData.Inputs(contacts: null, delivery: 3)).PathForward;

        Assert.Equal(Stage.Soaring, path.Target);
        var index = Find(path.Unmet, nameof(DerivedSignals.MaturityIndex));
        Assert.Equal(Math.Round(75 - index.Actual!.Value, 1), index.Distance);
        Assert.Equal(1.0, Find(path.Unmet, nameof(AssessmentInputs.DeliveryConfidence)).Distance);
        // An unknown count cannot say how far it is: the manager needs to record it.
        Assert.Null(Find(path.Unmet, nameof(AssessmentInputs.ActiveFieldContacts)).Distance);
        Assert.Empty(path.Watch);
    }

    [Fact]
    public void Plateau_aims_back_at_Soaring_including_the_agility_it_lost()
    {
        var verdict = Explain(TestData.Soaring(agility: 2), TestData.History(hasBeenSoaring: true));

        Assert.Equal(Stage.Plateau, verdict.Stage);
        Assert.Equal(Stage.Soaring, verdict.PathForward.Target);
        var agility = Find(verdict.PathForward.Unmet, nameof(AssessmentInputs.Agility));
        Assert.Equal((3.0, 1.0), (agility.Threshold, agility.Distance!.Value));
    }

    [Fact]
    public void Soaring_watches_the_plateau_triggers()
    {
        var verdict = Explain(TestData.Soaring(agility: 3, contacts: 2), TestData.History(previousIndex: 87.5));

        Assert.Equal(Stage.Soaring, verdict.PathForward.Target);
        Assert.Empty(verdict.PathForward.Unmet);
        Assert.Equal(
            [(nameof(DerivedSignals.Momentum), 10.0), (nameof(AssessmentInputs.Agility), 1.0), (nameof(AssessmentInputs.ActiveFieldContacts), 2.0)],
            verdict.PathForward.Watch.Select(c => (c.Key, c.Distance!.Value)));
    }

    [Theory]
    [InlineData(Stage.Denial)]
    [InlineData(Stage.Despair)]
    [InlineData(Stage.Hopeful)]
    [InlineData(Stage.Soaring)]
    [InlineData(Stage.Plateau)]
    public void The_verdict_carries_its_stage_playbook(Stage stage)
    {
        var (inputs, history) = stage switch
        {
            Stage.Denial => (TestData.Inputs(fluency: 1), TestData.History()),
            Stage.Despair => (TestData.Inputs(delivery: 1), TestData.History()),
            Stage.Hopeful => (TestData.Inputs(), TestData.History()),
            Stage.Soaring => (TestData.Soaring(), TestData.History()),
            _ => (TestData.Soaring(agility: 1), TestData.History(hasBeenSoaring: true)),
        };
        var verdict = Explain(inputs, history);

        Assert.Equal(stage, verdict.Stage);
        Assert.Equal(RuleSet.Default.Playbook.For(stage), verdict.Playbook);
        Assert.NotEmpty(verdict.Playbook);
    }

    [Fact]
    public void A_verdict_survives_a_JSON_round_trip()
    {
        var verdict = Explain(TestData.Inputs(contacts: null, fluency: 2), TestData.History(previousIndex: 60, previousStage: Stage.Despair));

        var json = verdict.ToJson();
        var back = Verdict.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal((verdict.Stage, verdict.MaturityIndex, verdict.Momentum, verdict.PreviousStage), (back.Stage, back.MaturityIndex, back.Momentum, back.PreviousStage));
        Assert.Equal(verdict.MatchedRule.Conditions, back.MatchedRule.Conditions);
        Assert.Contains("\"stage\":\"Denial\"", json, StringComparison.Ordinal);
    }
}
