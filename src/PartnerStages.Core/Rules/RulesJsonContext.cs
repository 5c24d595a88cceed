using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerStages.Core.Rules;

// One set of JSON options for rule sets and verdicts, so what is stored reads back the same.
// Enums are written as names: a stored verdict must survive reordering an enum. The serializers
// are generated at compile time: every check-in stores its verdict, and an import stores 150,000.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Verdict))]
[JsonSerializable(typeof(RuleSet))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
