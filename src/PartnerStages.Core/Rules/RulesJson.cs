using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerStages.Core.Rules;

// One set of JSON options for rule sets and verdicts, so what is stored reads back the same.
// Enums are written as names: a stored verdict must survive reordering an enum.
public static class RulesJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
