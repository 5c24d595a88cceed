using PartnerStages.Core.Rules;
using PartnerStages.Web.Components.Pages.Partners;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class ConditionWordingTests
{
    // The verdict's headline writes the index with its tenth (DisplayFormats.Number); the conditions
    // under it wrote a whole index without one, so the same 48 read "48.0" and "48" on one screen.
    [Fact]
    public void The_maturity_index_and_momentum_keep_their_tenth_as_in_the_headline()
    {
        var index = new Condition("MaturityIndex", InputLabels.MaturityIndex, Comparison.AtLeast, 75, 48, Met: false);
        var momentum = new Condition("Momentum", InputLabels.Momentum, Comparison.AtMost, -5, -12, Met: true);

        Assert.Equal($"Maturity index: {DisplayFormats.Number(48)} (needs at least {DisplayFormats.Number(75)})", ConditionWording.Line(index));
        Assert.Equal($"{DisplayFormats.Number(27)} to go", ConditionWording.Gap(index));
        Assert.Equal($"Momentum: −{DisplayFormats.Number(12)} (needs at most −{DisplayFormats.Number(5)})", ConditionWording.Line(momentum));
    }

    [Fact]
    public void Counts_and_scores_read_as_whole_numbers()
    {
        var contacts = new Condition("ActiveFieldContacts", InputLabels.ActiveFieldContacts, Comparison.AtLeast, 2, 1, Met: false);

        Assert.Equal("Active field contacts: 1 (needs at least 2)", ConditionWording.Line(contacts));
        Assert.Equal("1 to go", ConditionWording.Gap(contacts));
    }
}
