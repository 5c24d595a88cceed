using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class AssessmentValidationTests
{
    public static TheoryData<AssessmentInputs, string, string> OutOfRange => new()
    {
        { TestData.Inputs(capability: -1), nameof(AssessmentInputs.CapabilityScore), "Capability score must be between 0 and 100." },
        { TestData.Inputs(capability: 101), nameof(AssessmentInputs.CapabilityScore), "Capability score must be between 0 and 100." },
        { TestData.Inputs(certified: -1), nameof(AssessmentInputs.CertifiedPeople), "Certified people must be 0 or more." },
        { TestData.Inputs(coSell: -1), nameof(AssessmentInputs.CoSellWins), "Co-sell wins must be 0 or more." },
        { TestData.Inputs(contacts: -1), nameof(AssessmentInputs.ActiveFieldContacts), "Active field contacts must be 0 or more." },
        { TestData.Inputs(awards: -1), nameof(AssessmentInputs.Awards), "Awards must be 0 or more." },
        { TestData.Inputs(fluency: 0), nameof(AssessmentInputs.ProgrammeFluency), "Programme fluency must be between 1 and 5." },
        { TestData.Inputs(fluency: 6), nameof(AssessmentInputs.ProgrammeFluency), "Programme fluency must be between 1 and 5." },
        { TestData.Inputs(delivery: 0), nameof(AssessmentInputs.DeliveryConfidence), "Delivery confidence must be between 1 and 5." },
        { TestData.Inputs(delivery: 6), nameof(AssessmentInputs.DeliveryConfidence), "Delivery confidence must be between 1 and 5." },
        { TestData.Inputs(conviction: 0), nameof(AssessmentInputs.InvestmentConviction), "Investment conviction must be between 1 and 5." },
        { TestData.Inputs(conviction: 6), nameof(AssessmentInputs.InvestmentConviction), "Investment conviction must be between 1 and 5." },
        { TestData.Inputs(agility: 0), nameof(AssessmentInputs.Agility), "Agility must be between 1 and 5." },
        { TestData.Inputs(agility: 6), nameof(AssessmentInputs.Agility), "Agility must be between 1 and 5." },
        { TestData.Inputs(alignment: 0), nameof(AssessmentInputs.GoalAlignment), "Goal alignment must be between 1 and 5." },
        { TestData.Inputs(alignment: 6), nameof(AssessmentInputs.GoalAlignment), "Goal alignment must be between 1 and 5." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_out_of_range_input_is_named_with_its_allowed_range(AssessmentInputs inputs, string field, string message)
    {
        Assert.Equal([new ValidationError(field, message)], AssessmentValidation.Validate(inputs));
        Assert.False(AssessmentValidation.IsValid(inputs));
        var error = Assert.Throws<ArgumentException>(() => AssessmentValidation.EnsureValid(inputs));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(100, 1000, -50, 5)]
    public void Values_at_the_edges_are_accepted(int capability, int count, int netAdds, int rating)
    {
        var inputs = TestData.Inputs(capability: capability, certified: count, netAdds: netAdds, coSell: count, contacts: count,
            awards: count, fluency: rating, delivery: rating, conviction: rating, agility: rating, alignment: rating);
        Assert.Empty(AssessmentValidation.Validate(inputs));
        Assert.True(AssessmentValidation.IsValid(inputs));
    }

    [Fact]
    public void Unknown_facts_are_valid()
    {
        var inputs = TestData.Inputs(capability: null, certified: null, netAdds: null, coSell: null, contacts: null, awards: null);
        Assert.Empty(AssessmentValidation.Validate(inputs));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = AssessmentValidation.Validate(new AssessmentInputs());
        Assert.Equal(5, errors.Count);
    }
}
