using System.Text.Json.Nodes;

namespace PartnerStages.Core.Rules;

// One value that differs between two rule sets; Rule is the section it belongs to (Soaring,
// Weights, Playbook...), Field the value's name inside it.
public sealed record RuleSetDifference(string Rule, string Field, string Before, string After)
{
    public string Path => $"{Rule}.{Field}";
}

public static class RuleSetDiff
{
    // Walks the stored JSON of both, so a value added to RuleSet later is compared without a change
    // here. The version number is not a difference: it always differs.
    public static IReadOnlyList<RuleSetDifference> Between(RuleSet before, RuleSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var left = JsonNode.Parse(before.ToJson())!.AsObject();
        var right = JsonNode.Parse(after.ToJson())!.AsObject();
        var differences = new List<RuleSetDifference>();
        foreach (var (rule, section) in right)
        {
            if (section is not JsonObject fields || left[rule] is not JsonObject old)
            {
                continue;
            }

            foreach (var (field, value) in fields)
            {
                var was = old[field];
                if (!JsonNode.DeepEquals(was, value))
                {
                    differences.Add(new(Pascal(rule), Pascal(field), Show(was), Show(value)));
                }
            }
        }

        return differences;
    }

    // The JSON is camel-cased; fields are named as RuleSet.Validate names them.
    private static string Pascal(string name) => string.Concat(name[..1].ToUpperInvariant(), name[1..]);

    // Playbook actions one per line, numbers as JSON writes them (invariant culture).
    private static string Show(JsonNode? value) => value switch
    {
        null => "—",
        JsonArray actions => string.Join(Environment.NewLine, actions.Select(a => a?.GetValue<string>())),
        _ => value.ToJsonString(),
    };
}
