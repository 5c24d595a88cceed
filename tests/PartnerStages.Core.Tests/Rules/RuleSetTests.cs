using System.Text.Json;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class RuleSetTests
{
    private static readonly RuleSet D = RuleSet.Default;

    [Fact]
    public void The_default_rule_set_is_version_1_and_valid()
    {
        Assert.Equal(1, D.Version);
        Assert.Empty(D.Validate());
        D.EnsureValid();
    }

    [Fact]
    public void The_default_rule_set_has_the_design_thresholds()
    {
        Assert.Equal((-5.0, 2, 0), (D.Plateau.DeclineMomentumAtMost, D.Plateau.AgilityAtMost, D.Plateau.FieldContactsAtMost));
        Assert.Equal((75.0, 4, 2, 1, 70),
            (D.Soaring.MaturityIndexAtLeast, D.Soaring.DeliveryConfidenceAtLeast, D.Soaring.FieldContactsAtLeast, D.Soaring.CoSellWinsPlusAwardsAtLeast, D.Soaring.CapabilityScoreAtLeast));
        Assert.Equal((2, 2, 2), (D.Denial.ProgrammeFluencyAtMost, D.Denial.InvestmentConvictionAtMost, D.Despair.DeliveryConfidenceAtMost));
    }

    [Fact]
    public void A_rule_set_survives_a_JSON_round_trip()
    {
        var json = D.ToJson();
        var back = RuleSet.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal((D.Version, D.Plateau, D.Soaring, D.Denial, D.Despair, D.Weights, D.Caps), (back.Version, back.Plateau, back.Soaring, back.Denial, back.Despair, back.Weights, back.Caps));
        Assert.Equal(D.Playbook.Soaring, back.Playbook.Soaring);
    }

    [Fact]
    public void A_stored_rule_set_missing_a_value_does_not_load()
    {
        var json = D.ToJson().Replace("\"agilityAtMost\":2,", "", StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => RuleSet.FromJson(json));
    }

    public static TheoryData<RuleSet, string, string> Inconsistent => new()
    {
        { D with { Version = 0 }, "Version", "Version is 0; it must be 1 or more." },
        { D with { Plateau = D.Plateau with { DeclineMomentumAtMost = 3 } }, "Plateau.DeclineMomentumAtMost", "Plateau.DeclineMomentumAtMost is 3; it must be between -100 and 0." },
        { D with { Plateau = D.Plateau with { AgilityAtMost = 5 } }, "Plateau.AgilityAtMost", "Plateau.AgilityAtMost is 5; it must be between 0 and 4." },
        { D with { Plateau = D.Plateau with { FieldContactsAtMost = -1 } }, "Plateau.FieldContactsAtMost", "Plateau.FieldContactsAtMost is -1; it must be 0 or more." },
        { D with { Soaring = D.Soaring with { MaturityIndexAtLeast = 101 } }, "Soaring.MaturityIndexAtLeast", "Soaring.MaturityIndexAtLeast is 101; it must be between 0 and 100." },
        { D with { Soaring = D.Soaring with { MaturityIndexAtLeast = double.NaN } }, "Soaring.MaturityIndexAtLeast", "Soaring.MaturityIndexAtLeast is NaN; it must be between 0 and 100." },
        { D with { Soaring = D.Soaring with { DeliveryConfidenceAtLeast = 6 } }, "Soaring.DeliveryConfidenceAtLeast", "Soaring.DeliveryConfidenceAtLeast is 6; it must be between 1 and 5." },
        { D with { Soaring = D.Soaring with { FieldContactsAtLeast = 0 } }, "Soaring.FieldContactsAtLeast", "Soaring.FieldContactsAtLeast is 0; it must be more than Plateau.FieldContactsAtMost (0), or a soaring partner would already be plateauing." },
        { D with { Soaring = D.Soaring with { CoSellWinsPlusAwardsAtLeast = -1 } }, "Soaring.CoSellWinsPlusAwardsAtLeast", "Soaring.CoSellWinsPlusAwardsAtLeast is -1; it must be 0 or more." },
        { D with { Soaring = D.Soaring with { CapabilityScoreAtLeast = 120 } }, "Soaring.CapabilityScoreAtLeast", "Soaring.CapabilityScoreAtLeast is 120; it must be between 0 and 100." },
        { D with { Denial = D.Denial with { ProgrammeFluencyAtMost = 5 } }, "Denial.ProgrammeFluencyAtMost", "Denial.ProgrammeFluencyAtMost is 5; it must be between 0 and 4." },
        { D with { Denial = D.Denial with { InvestmentConvictionAtMost = -1 } }, "Denial.InvestmentConvictionAtMost", "Denial.InvestmentConvictionAtMost is -1; it must be between 0 and 4." },
        { D with { Despair = D.Despair with { DeliveryConfidenceAtMost = 5 } }, "Despair.DeliveryConfidenceAtMost", "Despair.DeliveryConfidenceAtMost is 5; it must be between 0 and 4." },
        { D with { Weights = D.Weights with { Awards = 0.15 } }, "Weights", "Weights sum to 1.1; they must sum to 1 (within 0.001)." },
        { D with { Caps = D.Caps with { CoSellWins = 0 } }, "Caps.CoSellWins", "Caps.CoSellWins is 0; it must be more than 0." },
        { D with { Caps = D.Caps with { Awards = -2 } }, "Caps.Awards", "Caps.Awards is -2; it must be more than 0." },
        { D with { Playbook = D.Playbook with { Plateau = [] } }, "Playbook.Plateau", "Playbook.Plateau has no actions; give each stage at least one." },
        { D with { Playbook = D.Playbook with { Denial = ["Call them.", " "] } }, "Playbook.Denial", "Playbook.Denial has a blank action." },
    };

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void An_inconsistent_rule_set_is_rejected_naming_the_value(RuleSet rules, string field, string message)
    {
        Assert.Equal([new ValidationError(field, message)], rules.Validate());
        var error = Assert.Throws<ArgumentException>(rules.EnsureValid);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_weight_is_named_even_when_the_sum_is_1()
    {
        var rules = D with { Weights = D.Weights with { Awards = -0.05, CoSellWins = 0.20 } };
        Assert.Equal([new ValidationError("Weights.Awards", "Weights.Awards is -0.05; it must be 0 or more.")], rules.Validate());
    }

    [Fact]
    public void Weights_within_the_tolerance_of_1_are_accepted() =>
        Assert.Empty((D with { Weights = D.Weights with { Awards = 0.0505 } }).Validate());
}
