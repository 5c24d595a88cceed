using PartnerStages.Core.Partners;

namespace PartnerStages.Core.Tests.Partners;

public class PartnerNameTests
{
    private static Partner Named(string name) =>
        new(name, "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager");

    [Fact]
    public void Names_that_differ_only_in_unicode_composition_are_the_same_name()
    {
        var composed = Named("Caf\u00E9 Systems");
        var decomposed = Named("Cafe\u0301 Systems");

        Assert.Equal(composed.NormalizedName, decomposed.NormalizedName);
        Assert.Equal(composed.Name, decomposed.Name);
    }

    [Fact]
    public void Invisible_characters_do_not_make_a_new_name() =>
        Assert.Equal(Named("Contoso").NormalizedName, Named("Con\u200Btoso\uFEFF").NormalizedName);

    [Fact]
    public void Case_and_surrounding_space_do_not_make_a_new_name() =>
        Assert.Equal(Named("Contoso Ltd").NormalizedName, Named("  CONTOSO ltd ").NormalizedName);

    [Theory]
    [InlineData("Contoso\0Ltd")]
    [InlineData("Contoso\nLtd")]
    public void A_name_with_a_control_character_is_refused_on_its_field(string name)
    {
        var error = Assert.Throws<DomainException>(() => Named(name));

        Assert.Equal((nameof(Partner.Name), "Name cannot contain control characters such as line breaks or NUL."), (error.Field, error.Message));
    }

    [Fact]
    public void A_name_of_only_invisible_characters_is_missing() =>
        Assert.Equal("Name is required.", Assert.Throws<DomainException>(() => Named("\u200B\u200B")).Message);

    [Theory]
    [InlineData("", "EMEA")]
    [InlineData("\u200B", "EMEA")]
    [InlineData("Contoso\nLtd", "EMEA")]
    [InlineData("Contoso", " ")]
    public void A_details_problem_is_what_the_constructor_refuses_with(string name, string region)
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Partner(name, region, SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager"));

        var problem = Assert.Single(Partner.DetailsProblems(name, region, TestData.JoinedOn));
        Assert.Equal((refusal.Field, refusal.Message), (problem.Field, problem.Message));
    }

    [Fact]
    public void Every_problem_of_a_partners_details_is_named_at_once() =>
        Assert.Equal(["Name", "Region", "JoinedProgrammeOn"],
            Partner.DetailsProblems(" ", new string('r', Partner.RegionMaxLength + 1), null).Select(p => p.Field));
}
