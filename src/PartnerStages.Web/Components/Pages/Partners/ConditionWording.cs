using PartnerStages.Core.Rules;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Components.Pages.Partners;

// How a rule condition reads to a channel manager: "Maturity index 48.4, needs at least 75".
// The why panel, the path forward and the live preview share it so they use the same words.
public static class ConditionWording
{
    private const string HasBeenSoaringKey = "HasBeenSoaring";
    private const string MomentumKey = "Momentum";
    private const string MaturityIndexKey = "MaturityIndex";

    public static string Actual(Condition condition) => condition switch
    {
        { Key: HasBeenSoaringKey } => condition.Met ? "yes" : "no",
        // Momentum compares with the previous index, so the first check-in has none.
        { Key: MomentumKey, Actual: null } => "none yet (first check-in)",
        { Actual: null } => "not recorded",
        _ => Format(condition, condition.Actual),
    };

    public static string Requirement(Condition condition) => condition.Key == HasBeenSoaringKey
        ? "has been Soaring before"
        : condition.Comparison switch
        {
            Comparison.AtLeast => $"at least {Format(condition, condition.Threshold)}",
            Comparison.AtMost => $"at most {Format(condition, condition.Threshold)}",
            _ => $"above {Format(condition, condition.Threshold)}",
        };

    // One line for a condition a rule tested, met or not.
    public static string Line(Condition condition) => condition.Key == HasBeenSoaringKey
        ? condition.Met ? "Has been Soaring before" : "Has never been Soaring"
        : $"{condition.Name}: {Actual(condition)} (needs {Requirement(condition)})";

    // How far a partner is from meeting an unmet condition of its target stage.
    public static string Gap(Condition condition) => condition.Distance switch
    {
        null => "record it to know",
        var d => $"{Format(condition, Math.Abs(d.Value))} to go",
    };

    // A plateau trigger a Soaring partner watches, and how far it is from tripping it.
    public static string Watch(Condition condition)
    {
        var limit = condition.Comparison == Comparison.AtMost ? $"{Format(condition, condition.Threshold)} or less" : Requirement(condition);
        var margin = condition switch
        {
            { Met: true } => "tripped",
            { Distance: null } => "nothing to compare yet",
            _ => $"{Format(condition, condition.Distance)} away",
        };
        return $"{condition.Name}: {Actual(condition)} — warning at {limit}, {margin}";
    }

    // The maturity index and momentum are tenths wherever they appear (the verdict's headline, the
    // chart, the lists), so they keep their tenth here too: 48.0, never 48. Counts and scores are
    // whole numbers and read as such.
    private static string Format(Condition condition, double? value) =>
        value is { } v
            ? (v < 0 ? "−" : "") + DisplayFormats.Number(Math.Abs(v), condition.Key is MaturityIndexKey or MomentumKey || v % 1 != 0 ? 1 : 0)
            : DisplayFormats.Missing;
}
