using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class RuleSetDiffTests
{
    private static readonly RuleSet Active = RuleSet.Default;

    [Fact]
    public void A_copy_under_another_number_differs_in_nothing()
    {
        Assert.Empty(RuleSetDiff.Between(Active, Active with { Version = 7 }));
    }

    [Fact]
    public void Each_changed_value_is_listed_old_to_new_under_its_rule_with_the_validation_name()
    {
        var draft = Active with
        {
            Version = 2,
            Soaring = Active.Soaring with { MaturityIndexAtLeast = 70.5 },
            Weights = Active.Weights with { Agility = 0.05, Awards = 0.10 },
            Playbook = Active.Playbook with { Denial = ["Call them."] },
        };

        var differences = RuleSetDiff.Between(Active, draft);

        Assert.Equal(
        [
            new("Soaring", "MaturityIndexAtLeast", "75", "70.5"),
            new("Weights", "Agility", "0.1", "0.05"),
            new("Weights", "Awards", "0.05", "0.1"),
            new("Playbook", "Denial", string.Join(Environment.NewLine, Active.Playbook.Denial), "Call them."),
        ], differences);
        Assert.Equal("Soaring.MaturityIndexAtLeast", differences[0].Path);
    }
}
