using PartnerStages.Core.Partners;

namespace PartnerStages.Core.Tests.Partners;

public sealed class RegionsTests
{
    [Theory]
    [InlineData("BeNeLux", "Benelux")]
    [InlineData("  benelux ", "Benelux")]
    [InlineData("EMEA", "EMEA")]
    [InlineData(" Nordics ", "Nordics")]
    public void A_region_that_differs_only_in_case_from_a_known_one_is_the_known_one(string typed, string stored) =>
        Assert.Equal(stored, Regions.AsKnown(typed, ["Benelux", "EMEA"]));

    [Fact]
    public void Of_two_known_spellings_the_exact_one_is_kept_else_the_first_in_order()
    {
        Assert.Equal("BeNeLux", Regions.AsKnown("BeNeLux", ["Benelux", "BeNeLux"]));
        Assert.Equal("BeNeLux", Regions.AsKnown("BENELUX", ["Benelux", "BeNeLux"]));
    }

    [Fact]
    public void A_new_name_is_a_rename_and_a_known_region_is_a_merge_in_its_own_spelling()
    {
        Assert.Equal(new RegionMove("Benlux", "Benelux", IsMerge: false), Regions.Plan("Benlux", "Benelux", ["Benlux", "EMEA"]));
        Assert.Equal(new RegionMove("BeNeLux", "Benelux", IsMerge: true), Regions.Plan("BeNeLux", "BENELUX", ["Benelux", "BeNeLux"]));
    }

    [Fact]
    public void A_region_can_be_recapitalised_by_renaming_it() =>
        Assert.Equal(new RegionMove("benelux", "Benelux", IsMerge: false), Regions.Plan("benelux", "Benelux", ["benelux", "EMEA"]));

    [Theory]
    [InlineData("  ", "New name is required.")]
    [InlineData(" EMEA ", "The region is already called \"EMEA\".")]
    public void A_move_to_nothing_or_to_itself_is_refused_on_the_field(string to, string message)
    {
        var error = Assert.Throws<DomainException>(() => Regions.Plan("EMEA", to, ["EMEA", "APAC"]));

        Assert.Equal(("Region", message), (error.Field, error.Message));
    }
}
