using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class DerivedSignalsTests
{
    [Fact]
    public void The_index_runs_from_0_to_100()
    {
        var lowest = TestData.Inputs(capability: 0, certified: 0, netAdds: -4, coSell: 0, contacts: 0, awards: 0,
            fluency: 1, delivery: 1, conviction: 1, agility: 1, alignment: 1);
        Assert.Equal(0, DerivedSignals.ComputeMaturityIndex(lowest, RuleSet.Default));
        Assert.Equal(100, DerivedSignals.ComputeMaturityIndex(TestData.Soaring(), RuleSet.Default));
    }

    [Fact]
    public void Facts_beyond_their_cap_add_nothing_more() =>
        Assert.Equal(
            DerivedSignals.ComputeMaturityIndex(TestData.Inputs(coSell: 5), RuleSet.Default),
            DerivedSignals.ComputeMaturityIndex(TestData.Inputs(coSell: 500), RuleSet.Default));

    [Fact]
    public void Negative_net_customer_adds_count_as_none() =>
        Assert.Equal(
            DerivedSignals.ComputeMaturityIndex(TestData.Inputs(netAdds: 0), RuleSet.Default),
            DerivedSignals.ComputeMaturityIndex(TestData.Inputs(netAdds: -12), RuleSet.Default));

    [Fact]
    public void An_unknown_fact_drops_out_of_the_index_instead_of_counting_as_zero()
    {
        // All facts unknown: the index is the ratings alone (all 4s: 75).
        var ratingsOnly = TestData.Inputs(capability: null, certified: null, netAdds: null, coSell: null, contacts: null, awards: null);
        Assert.Equal(75, DerivedSignals.ComputeMaturityIndex(ratingsOnly, RuleSet.Default));
        Assert.True(
            DerivedSignals.ComputeMaturityIndex(TestData.Inputs(awards: null), RuleSet.Default)
            > DerivedSignals.ComputeMaturityIndex(TestData.Inputs(awards: 0), RuleSet.Default));
    }

    [Fact]
    public void Momentum_is_the_change_against_the_previous_index_and_null_without_one()
    {
        Assert.Equal(2.5, DerivedSignals.ComputeMomentum(66.3, 63.8));
        Assert.Equal(-5, DerivedSignals.ComputeMomentum(70.1, 75.1));
        Assert.Null(DerivedSignals.ComputeMomentum(70, null));
    }

    [Theory]
    [InlineData("2024-01-15", "2024-01-14", 0)]
    [InlineData("2024-01-15", "2024-02-14", 0)]
    [InlineData("2024-01-15", "2024-02-15", 1)]
    [InlineData("2022-03-01", "2025-06-15", 39)]
    [InlineData("2025-06-15", "2024-01-01", 0)]
    public void Tenure_counts_whole_months_and_never_goes_negative(string joined, string assessed, int months) =>
        Assert.Equal(months, TestData.History(joinedOn: DateOnly.Parse(joined, System.Globalization.CultureInfo.InvariantCulture),
            assessedOn: DateOnly.Parse(assessed, System.Globalization.CultureInfo.InvariantCulture)).TenureMonths);

    [Fact]
    public void The_next_history_keeps_the_healthiest_stage_as_peak()
    {
        var first = PartnerHistory.FirstAssessment(TestData.JoinedOn, TestData.AssessedOn);
        Assert.False(first.HasBeenSoaring);

        var afterSoaring = first.Next(Stage.Soaring, 90, TestData.AssessedOn.AddMonths(3));
        var afterPlateau = afterSoaring.Next(Stage.Plateau, 80, TestData.AssessedOn.AddMonths(6));

        Assert.Equal((Stage.Plateau, Stage.Soaring, 80.0), (afterPlateau.PreviousStage!.Value, afterPlateau.PeakStage!.Value, afterPlateau.PreviousMaturityIndex!.Value));
        Assert.True(afterPlateau.HasBeenSoaring);
    }
}
