using System.Globalization;
using System.Text.Json;

namespace PartnerStages.Core.Rules;

// Thresholds, weights and playbooks as data (DESIGN.md §3). Stored as JSON, versioned; every verdict
// records the version that produced it. Properties are `required` so a stored rule set missing a
// value fails to load instead of silently taking a default.
public sealed record RuleSet
{
    public required int Version { get; init; }
    public required PlateauThresholds Plateau { get; init; }
    public required SoaringThresholds Soaring { get; init; }
    public required DenialThresholds Denial { get; init; }
    public required DespairThresholds Despair { get; init; }
    public required IndexWeights Weights { get; init; }
    public required FactCaps Caps { get; init; }
    public required StagePlaybook Playbook { get; init; }

    // Weights are decimals typed by an administrator; allow for rounding when they are summed.
    public const double WeightTolerance = 0.001;

    public static RuleSet Default { get; } = new()
    {
        Version = 1,
        Plateau = new() { DeclineMomentumAtMost = -5, AgilityAtMost = 2, FieldContactsAtMost = 0 },
        Soaring = new()
        {
            MaturityIndexAtLeast = 75,
            DeliveryConfidenceAtLeast = 4,
            FieldContactsAtLeast = 2,
            CoSellWinsPlusAwardsAtLeast = 1,
            CapabilityScoreAtLeast = 70,
        },
        Denial = new() { ProgrammeFluencyAtMost = 2, InvestmentConvictionAtMost = 2 },
        Despair = new() { DeliveryConfidenceAtMost = 2 },
        // Ratings carry 60 %, portal facts 40 %: the manager's judgement leads, the numbers temper it.
        Weights = new()
        {
            ProgrammeFluency = 0.10,
            DeliveryConfidence = 0.15,
            InvestmentConviction = 0.10,
            Agility = 0.10,
            GoalAlignment = 0.15,
            CapabilityScore = 0.10,
            CertifiedPeople = 0.05,
            NetCustomerAdds = 0.05,
            CoSellWins = 0.10,
            ActiveFieldContacts = 0.05,
            Awards = 0.05,
        },
        // Where a fact stops adding to the index: beyond these a partner is as good as it gets on that count.
        Caps = new()
        {
            CapabilityScore = 100,
            CertifiedPeople = 10,
            NetCustomerAdds = 10,
            CoSellWins = 5,
            ActiveFieldContacts = 4,
            Awards = 2,
        },
        Playbook = StagePlaybook.Default,
    };

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new(field, message));

        if (Version < 1)
        {
            Fail(nameof(Version), $"Version is {Version}; it must be 1 or more.");
        }

        if (Plateau is null || Soaring is null || Denial is null || Despair is null || Weights is null || Caps is null || Playbook is null)
        {
            Fail(nameof(RuleSet), "Every section (Plateau, Soaring, Denial, Despair, Weights, Caps, Playbook) is required.");
            return errors;
        }

        // A decline is a fall: a positive value would call a rising partner declining.
        Range(errors, "Plateau.DeclineMomentumAtMost", Plateau.DeclineMomentumAtMost, -100, 0);
        // "At most" rating thresholds stop at 4 so that a rating of 5 always escapes the rule;
        // at 5 every partner would match and the later stages could never be reached.
        Range(errors, "Plateau.AgilityAtMost", Plateau.AgilityAtMost, 0, 4);
        AtLeastZero(errors, "Plateau.FieldContactsAtMost", Plateau.FieldContactsAtMost);

        Range(errors, "Soaring.MaturityIndexAtLeast", Soaring.MaturityIndexAtLeast, 0, 100);
        Range(errors, "Soaring.DeliveryConfidenceAtLeast", Soaring.DeliveryConfidenceAtLeast, 1, 5);
        AtLeastZero(errors, "Soaring.FieldContactsAtLeast", Soaring.FieldContactsAtLeast);
        AtLeastZero(errors, "Soaring.CoSellWinsPlusAwardsAtLeast", Soaring.CoSellWinsPlusAwardsAtLeast);
        Range(errors, "Soaring.CapabilityScoreAtLeast", Soaring.CapabilityScoreAtLeast, 0, 100);
        if (Soaring.FieldContactsAtLeast <= Plateau.FieldContactsAtMost)
        {
            Fail("Soaring.FieldContactsAtLeast",
                $"Soaring.FieldContactsAtLeast is {Soaring.FieldContactsAtLeast}; it must be more than Plateau.FieldContactsAtMost ({Plateau.FieldContactsAtMost}), or a soaring partner would already be plateauing.");
        }

        Range(errors, "Denial.ProgrammeFluencyAtMost", Denial.ProgrammeFluencyAtMost, 0, 4);
        Range(errors, "Denial.InvestmentConvictionAtMost", Denial.InvestmentConvictionAtMost, 0, 4);
        Range(errors, "Despair.DeliveryConfidenceAtMost", Despair.DeliveryConfidenceAtMost, 0, 4);

        foreach (var (name, weight) in Weights.All())
        {
            if (weight < 0 || !double.IsFinite(weight))
            {
                Fail($"Weights.{name}", $"Weights.{name} is {Show(weight)}; it must be 0 or more.");
            }
        }

        double total = Weights.All().Sum(w => w.Weight);
        if (Math.Abs(total - 1) > WeightTolerance)
        {
            Fail(nameof(Weights), $"Weights sum to {Show(total)}; they must sum to 1 (within {Show(WeightTolerance)}).");
        }

        foreach (var (name, cap) in Caps.All())
        {
            if (cap <= 0)
            {
                Fail($"Caps.{name}", $"Caps.{name} is {cap}; it must be more than 0.");
            }
        }

        errors.AddRange(Playbook.Validate());
        return errors;
    }

    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Rule set {Version} is not valid: " + string.Join(" ", errors.Select(e => e.Message)));
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, RulesJsonContext.Default.RuleSet);

    public static RuleSet FromJson(string json) =>
        JsonSerializer.Deserialize(json, RulesJsonContext.Default.RuleSet)
        ?? throw new JsonException("The rule set JSON is empty.");

    private static void Range(List<ValidationError> errors, string field, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            errors.Add(new(field, $"{field} is {Show(value)}; it must be between {Show(min)} and {Show(max)}."));
        }
    }

    private static void AtLeastZero(List<ValidationError> errors, string field, int value)
    {
        if (value < 0)
        {
            errors.Add(new(field, $"{field} is {value}; it must be 0 or more."));
        }
    }

    private static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

public sealed record PlateauThresholds
{
    // A fall of this many index points (or more) against the previous assessment is a decline.
    // Soaring's "no decline" condition uses the same value, so the two rules cannot disagree.
    public required double DeclineMomentumAtMost { get; init; }
    public required int AgilityAtMost { get; init; }
    public required int FieldContactsAtMost { get; init; }
}

public sealed record SoaringThresholds
{
    public required double MaturityIndexAtLeast { get; init; }
    public required int DeliveryConfidenceAtLeast { get; init; }
    public required int FieldContactsAtLeast { get; init; }
    public required int CoSellWinsPlusAwardsAtLeast { get; init; }
    public required int CapabilityScoreAtLeast { get; init; }
}

public sealed record DenialThresholds
{
    public required int ProgrammeFluencyAtMost { get; init; }
    public required int InvestmentConvictionAtMost { get; init; }
}

public sealed record DespairThresholds
{
    public required int DeliveryConfidenceAtMost { get; init; }
}

public sealed record IndexWeights
{
    public required double ProgrammeFluency { get; init; }
    public required double DeliveryConfidence { get; init; }
    public required double InvestmentConviction { get; init; }
    public required double Agility { get; init; }
    public required double GoalAlignment { get; init; }
    public required double CapabilityScore { get; init; }
    public required double CertifiedPeople { get; init; }
    public required double NetCustomerAdds { get; init; }
    public required double CoSellWins { get; init; }
    public required double ActiveFieldContacts { get; init; }
    public required double Awards { get; init; }

    public IEnumerable<(string Name, double Weight)> All() =>
    [
        (nameof(ProgrammeFluency), ProgrammeFluency),
        (nameof(DeliveryConfidence), DeliveryConfidence),
        (nameof(InvestmentConviction), InvestmentConviction),
        (nameof(Agility), Agility),
        (nameof(GoalAlignment), GoalAlignment),
        (nameof(CapabilityScore), CapabilityScore),
        (nameof(CertifiedPeople), CertifiedPeople),
        (nameof(NetCustomerAdds), NetCustomerAdds),
        (nameof(CoSellWins), CoSellWins),
        (nameof(ActiveFieldContacts), ActiveFieldContacts),
        (nameof(Awards), Awards),
    ];
}

public sealed record FactCaps
{
    public required int CapabilityScore { get; init; }
    public required int CertifiedPeople { get; init; }
    public required int NetCustomerAdds { get; init; }
    public required int CoSellWins { get; init; }
    public required int ActiveFieldContacts { get; init; }
    public required int Awards { get; init; }

    public IEnumerable<(string Name, int Cap)> All() =>
    [
        (nameof(CapabilityScore), CapabilityScore),
        (nameof(CertifiedPeople), CertifiedPeople),
        (nameof(NetCustomerAdds), NetCustomerAdds),
        (nameof(CoSellWins), CoSellWins),
        (nameof(ActiveFieldContacts), ActiveFieldContacts),
        (nameof(Awards), Awards),
    ];
}
