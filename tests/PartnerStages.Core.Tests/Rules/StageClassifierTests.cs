using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class StageClassifierTests
{
    private static readonly PartnerHistory NoPast = TestData.History();
    private static readonly PartnerHistory SoaringPast = TestData.History(hasBeenSoaring: true);

    // Every table case goes through both entry points, so each also checks that they agree.
    private static Stage Classify(AssessmentInputs inputs, PartnerHistory history, RuleSet? rules = null)
    {
        rules ??= RuleSet.Default;
        var fast = StageClassifier.Classify(inputs, history, rules);
        Assert.Equal(fast, StageClassifier.Explain(inputs, history, rules).Stage);
        return fast;
    }

    [Fact]
    public void A_partner_low_on_fluency_is_in_Denial() =>
        Assert.Equal(Stage.Denial, Classify(TestData.Inputs(fluency: 1), NoPast));

    [Fact]
    public void A_partner_doubting_delivery_is_in_Despair() =>
        Assert.Equal(Stage.Despair, Classify(TestData.Inputs(delivery: 2), NoPast));

    [Fact]
    public void A_plain_partner_is_Hopeful() =>
        Assert.Equal(Stage.Hopeful, Classify(TestData.Inputs(), NoPast));

    [Fact]
    public void A_strong_partner_is_Soaring() =>
        Assert.Equal(Stage.Soaring, Classify(TestData.Soaring(), NoPast));

    [Fact]
    public void A_once_soaring_partner_that_lost_agility_is_on_a_Plateau() =>
        Assert.Equal(Stage.Plateau, Classify(TestData.Soaring(agility: 2), SoaringPast));

    [Fact]
    public void Plateau_needs_a_past_soaring_stage()
    {
        Assert.Equal(Stage.Soaring, Classify(TestData.Soaring(agility: 2), NoPast));
        Assert.Equal(Stage.Hopeful, Classify(TestData.Inputs(contacts: 0, agility: 1), NoPast));
    }

    [Fact]
    public void A_partner_fitting_Plateau_and_Soaring_is_on_a_Plateau()
    {
        var inputs = TestData.Soaring(agility: 2);
        var soaringRule = StageClassifier.Explain(inputs, NoPast, RuleSet.Default).MatchedRule;
        Assert.Equal(Stage.Soaring, soaringRule.Stage);

        Assert.Equal(Stage.Plateau, Classify(inputs, SoaringPast));
    }

    [Fact]
    public void Soaring_is_tried_before_Denial() =>
        Assert.Equal(Stage.Soaring, Classify(TestData.Soaring(fluency: 2), NoPast));

    [Fact]
    public void Denial_is_tried_before_Despair() =>
        Assert.Equal(Stage.Denial, Classify(TestData.Inputs(fluency: 2, delivery: 2), NoPast));

    [Theory]
    [InlineData(1, Stage.Plateau)]
    [InlineData(2, Stage.Plateau)]
    [InlineData(3, Stage.Soaring)]
    public void Plateau_fires_on_agility_at_or_below_2(int agility, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(agility: agility), SoaringPast));

    [Theory]
    [InlineData(0, Stage.Plateau)]
    [InlineData(1, Stage.Hopeful)]
    [InlineData(null, Stage.Hopeful)]
    public void Plateau_fires_on_no_field_contacts_but_not_on_unknown(int? contacts, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(contacts: contacts), SoaringPast));

    // The Soaring partner's index is 100, so the previous index sets the momentum exactly.
    [Theory]
    [InlineData(105.1, Stage.Plateau)]
    [InlineData(105.0, Stage.Plateau)]
    [InlineData(104.9, Stage.Soaring)]
    [InlineData(null, Stage.Soaring)]
    public void Plateau_fires_on_momentum_at_or_below_minus_5(double? previousIndex, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(), TestData.History(hasBeenSoaring: true, previousIndex: previousIndex)));

    [Theory]
    [InlineData(105.1, Stage.Hopeful)]
    [InlineData(105.0, Stage.Hopeful)]
    [InlineData(104.9, Stage.Soaring)]
    [InlineData(null, Stage.Soaring)]
    public void Soaring_needs_momentum_above_minus_5(double? previousIndex, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(), TestData.History(previousIndex: previousIndex)));

    // Capability 70, 6 certified, 10 adds, 5 co-sell wins, 4 contacts, all ratings 4: index 75.0 under v1.
    [Theory]
    [InlineData(5, 74.5, Stage.Hopeful)]
    [InlineData(6, 75.0, Stage.Soaring)]
    [InlineData(7, 75.5, Stage.Soaring)]
    public void Soaring_needs_a_maturity_index_of_75(int certified, double index, Stage expected)
    {
        var inputs = TestData.Inputs(capability: 70, certified: certified, netAdds: 10, coSell: 5, contacts: 4, awards: 0);
        Assert.Equal(index, DerivedSignals.ComputeMaturityIndex(inputs, RuleSet.Default));
        Assert.Equal(expected, Classify(inputs, NoPast));
    }

    [Theory]
    [InlineData(90.1, Stage.Hopeful)]
    [InlineData(90.0, Stage.Soaring)]
    [InlineData(89.9, Stage.Soaring)]
    public void The_index_threshold_is_data(double threshold, Stage expected)
    {
        var inputs = TestData.Soaring(agility: 3, fluency: 3);
        Assert.Equal(90.0, DerivedSignals.ComputeMaturityIndex(inputs, RuleSet.Default));
        Assert.Equal(expected, Classify(inputs, NoPast, TestData.Rules(soaringIndexAtLeast: threshold)));
    }

    [Theory]
    [InlineData(3, Stage.Hopeful)]
    [InlineData(4, Stage.Soaring)]
    [InlineData(5, Stage.Soaring)]
    public void Soaring_needs_delivery_confidence_of_4(int delivery, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(delivery: delivery), NoPast));

    [Theory]
    [InlineData(1, Stage.Hopeful)]
    [InlineData(2, Stage.Soaring)]
    [InlineData(3, Stage.Soaring)]
    [InlineData(null, Stage.Hopeful)]
    public void Soaring_needs_two_known_field_contacts(int? contacts, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(contacts: contacts), NoPast));

    [Theory]
    [InlineData(0, 0, Stage.Hopeful)]
    [InlineData(1, 0, Stage.Soaring)]
    [InlineData(0, 1, Stage.Soaring)]
    [InlineData(1, 1, Stage.Soaring)]
    [InlineData(null, 1, Stage.Soaring)]
    [InlineData(null, null, Stage.Hopeful)]
    public void Soaring_needs_a_co_sell_win_or_an_award(int? coSell, int? awards, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(coSell: coSell, awards: awards), NoPast));

    [Theory]
    [InlineData(69, Stage.Hopeful)]
    [InlineData(70, Stage.Soaring)]
    [InlineData(71, Stage.Soaring)]
    [InlineData(null, Stage.Soaring)]
    public void Soaring_needs_a_capability_score_of_70_where_given(int? capability, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Soaring(capability: capability), NoPast));

    [Theory]
    [InlineData(1, Stage.Denial)]
    [InlineData(2, Stage.Denial)]
    [InlineData(3, Stage.Hopeful)]
    public void Denial_fires_on_programme_fluency_at_or_below_2(int fluency, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Inputs(fluency: fluency), NoPast));

    [Theory]
    [InlineData(1, Stage.Denial)]
    [InlineData(2, Stage.Denial)]
    [InlineData(3, Stage.Hopeful)]
    public void Denial_fires_on_investment_conviction_at_or_below_2(int conviction, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Inputs(conviction: conviction), NoPast));

    [Theory]
    [InlineData(1, Stage.Despair)]
    [InlineData(2, Stage.Despair)]
    [InlineData(3, Stage.Hopeful)]
    public void Despair_fires_on_delivery_confidence_at_or_below_2(int delivery, Stage expected) =>
        Assert.Equal(expected, Classify(TestData.Inputs(delivery: delivery), NoPast));

    [Fact]
    public void Thresholds_come_from_the_rule_set() =>
        Assert.Equal(Stage.Denial, Classify(TestData.Inputs(fluency: 3), NoPast, TestData.Rules(denialFluencyAtMost: 3)));

    [Fact]
    public void Invalid_inputs_are_refused_by_both_entry_points()
    {
        var inputs = TestData.Inputs(agility: 0, capability: 101);
        var fast = Assert.Throws<ArgumentException>(() => StageClassifier.Classify(inputs, NoPast, RuleSet.Default));
        Assert.Contains("Agility must be between 1 and 5.", fast.Message, StringComparison.Ordinal);
        Assert.Contains("Capability score must be between 0 and 100.", fast.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StageClassifier.Explain(inputs, NoPast, RuleSet.Default));
    }
}
