using PartnerStages.Core.Rules;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Components.Pages.Partners;

// How a rule condition reads to a channel manager: "Maturity index 48.4, needs at least 75".
// The why panel, the path forward and the live preview share it so they use the same words.
public static class ConditionWording
{
    private const string HasBeenSoaringKey = "HasBeenSoaring";

    public static string Actual(Condition condition) => condition switch
    {
        { Key: HasBeenSoaringKey } => condition.Met ? "yes" : "no",
        { Actual: null } => "not recorded",
        _ => Format(condition.Actual),
    };

    public static string Requirement(Condition condition) => condition.Key == HasBeenSoaringKey
        ? "has been Soaring before"
        : condition.Comparison switch
        {
            Comparison.AtLeast => $"at least {Format(condition.Threshold)}",
            Comparison.AtMost => $"at most {Format(condition.Threshold)}",
            _ => $"above {Format(condition.Threshold)}",
        };

    // One line for a condition a rule tested, met or not.
    public static string Line(Condition condition) => condition.Key == HasBeenSoaringKey
        ? condition.Met ? "Has been Soaring before" : "Has never been Soaring"
        : $"{condition.Name}: {Actual(condition)} (needs {Requirement(condition)})";

    // How far a partner is from meeting an unmet condition of its target stage.
    public static string Gap(Condition condition) => condition.Distance switch
    {
        null => "record it to know",
        var d => $"{Format(Math.Abs(d.Value))} to go",
    };

    // How far a Soaring partner is from tripping a plateau trigger.
    public static string Margin(Condition condition) => condition switch
    {
        { Met: true } => "tripped",
        { Distance: null } => "not recorded",
        _ => $"{Format(condition.Distance)} away",
    };

    private static string Format(double? value) =>
        value is { } v ? (v < 0 ? "−" : "") + DisplayFormats.Number(Math.Abs(v), v % 1 == 0 ? 0 : 1) : DisplayFormats.Missing;
}
