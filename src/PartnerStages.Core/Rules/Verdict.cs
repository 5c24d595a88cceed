using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerStages.Core.Rules;

public enum Comparison
{
    AtLeast,
    AtMost,
    Above,
}

// One test a rule makes. Actual is null when the input was not given. AnyOf marks an alternative:
// a rule holds when all its other conditions hold and, if it has alternatives, at least one of them.
public sealed record Condition(
    string Key,
    string Name,
    Comparison Comparison,
    double Threshold,
    double? Actual,
    bool Met,
    bool AnyOf = false)
{
    // How far Actual must move to meet the condition (0 when met, null when unknown; for Above, the
    // value must pass it). For the plateau triggers a Soaring partner watches, it is how far the
    // partner is from tripping one. Rounded to a tenth like the index, so 75 - 48.4 reads 26.6.
    public double? Distance => Met ? 0 : Actual is { } actual
        ? Math.Round(Comparison == Comparison.AtMost ? actual - Threshold : Threshold - actual, 1, MidpointRounding.AwayFromZero)
        : null;
}

public sealed record RuleResult(Stage Stage, IReadOnlyList<Condition> Conditions)
{
    [JsonIgnore]
    public bool Holds => Conditions.Where(c => !c.AnyOf).All(c => c.Met)
        && (!Conditions.Any(c => c.AnyOf) || Conditions.Any(c => c.AnyOf && c.Met));
}

// Where the partner could go next: the unmet conditions of the target stage, or for a Soaring
// partner (Target = Soaring) the plateau triggers to watch, each with its distance.
public sealed record PathForward(Stage Target, IReadOnlyList<Condition> Unmet, IReadOnlyList<Condition> Watch);

// The full explanation, stored as JSON on the assessment row. EarlierRules lists, for each rule
// tried before the match, only the conditions that stopped it.
public sealed record Verdict(
    Stage Stage,
    int RuleSetVersion,
    double MaturityIndex,
    double? Momentum,
    int TenureMonths,
    Stage? PreviousStage,
    Stage? PeakStage,
    RuleResult MatchedRule,
    IReadOnlyList<RuleResult> EarlierRules,
    PathForward PathForward,
    IReadOnlyList<string> Playbook)
{
    public string ToJson() => JsonSerializer.Serialize(this, RulesJsonContext.Default.Verdict);

    public static Verdict FromJson(string json) =>
        JsonSerializer.Deserialize(json, RulesJsonContext.Default.Verdict)
        ?? throw new JsonException("The verdict JSON is empty.");
}
