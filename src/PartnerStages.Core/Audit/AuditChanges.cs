using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;

namespace PartnerStages.Core.Audit;

// What a value is, so the page can write it as the reader expects: a date in their format, a
// user's name instead of an id, a number in their culture.
public enum AuditValueKind
{
    Text,
    Number,
    YesNo,
    Date,
    Instant,
    User,
}

// A stored value, unescaped; Text is invariant (ISO dates, "4.5", a user id) for the kinds the page formats.
public sealed record AuditValue(AuditValueKind Kind, string Text);

// One field as it was and as it became; null on a side means it had no value there (absent or empty).
public sealed record AuditFieldChange(string Field, string Label, AuditValue? Before, AuditValue? After);

// The fields an entry changed, or, when its before/after is not a JSON object, the stored text as it is.
public sealed record AuditChanges(IReadOnlyList<AuditFieldChange> Fields, string? RawBefore = null, string? RawAfter = null)
{
    public bool IsReadable => RawBefore is null && RawAfter is null;

    // Nothing to show: no field changed (a sign-in, an import's summary) and no text stored.
    public bool IsEmpty => IsReadable && Fields.Count == 0;

    public static AuditChanges None { get; } = new([]);

    // The user ids the fields name, for the page to look up once.
    public IEnumerable<string> UserIds => Fields
        .SelectMany(f => new[] { f.Before, f.After })
        .Where(v => v is { Kind: AuditValueKind.User })
        .Select(v => v!.Text)
        .Distinct(StringComparer.Ordinal);
}

public static partial class AuditStates
{
    // Fields whose value is a user's id.
    private static readonly Dictionary<string, string> UserFields = new(StringComparer.Ordinal)
    {
        ["OwnerId"] = "Owner",
        ["AssessorId"] = "Assessor",
        ["ChangedById"] = "Changed by",
        ["VoidedById"] = "Voided by",
        ["PublishedById"] = "Published by",
        ["UserId"] = "User",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["IsArchived"] = "Archived",
        ["JoinedProgrammeOn"] = "Joined programme",
        ["CurrentStage"] = "Stage",
        ["PendingRegression"] = "Pending regression to",
        ["LastAssessedOn"] = "Last check-in",
        ["LastTouchOn"] = "Last touch",
        ["DisplayName"] = "Name",
        ["Json"] = "Rule set",
    };

    // Compares the two stored states field by field (nested objects by their path); a field the same
    // on both sides is left out. Never throws: text that is not a JSON object comes back as it is.
    public static AuditChanges Read(string? before, string? after)
    {
        if (before is null && after is null)
        {
            return AuditChanges.None;
        }

        var left = Flatten(before);
        var right = Flatten(after);
        if (left is null || right is null)
        {
            return new AuditChanges([], Readable(before) ?? "—", Readable(after) ?? "—");
        }

        var fields = new List<AuditFieldChange>();
        foreach (var field in left.Keys.Concat(right.Keys).Distinct(StringComparer.Ordinal))
        {
            var was = left.GetValueOrDefault(field);
            var now = right.GetValueOrDefault(field);
            if (was != now)
            {
                fields.Add(new AuditFieldChange(field, Label(field), was, now));
            }
        }

        return new AuditChanges(fields);
    }

    // "JoinedProgrammeOn" reads "Joined programme", "Soaring.MaturityIndexAtLeast" reads
    // "Soaring › Maturity index at least".
    public static string Label(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return string.Join(" › ", field.Split('.').Select(part =>
            UserFields.TryGetValue(part, out var user) ? user
            : Labels.TryGetValue(part, out var known) ? known
            : Words(part)));
    }

    // Null when the text is not a JSON object; an absent state (null) has no fields.
    private static Dictionary<string, AuditValue?>? Flatten(string? json)
    {
        var fields = new Dictionary<string, AuditValue?>(StringComparer.Ordinal);
        if (json is null)
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return fields;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            Add(fields, "", document.RootElement);
            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Add(Dictionary<string, AuditValue?> fields, string prefix, JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Add(fields, path + ".", property.Value);
            }
            else
            {
                fields[path] = Value(property.Name, property.Value);
            }
        }
    }

    private static AuditValue? Value(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String when value.GetString() is not { Length: > 0 } => null,
        JsonValueKind.String when UserFields.ContainsKey(field) => new(AuditValueKind.User, value.GetString()!),
        JsonValueKind.String => Scalar(field, value.GetString()!),
        JsonValueKind.Number => new(AuditValueKind.Number, value.GetRawText()),
        JsonValueKind.True => new(AuditValueKind.YesNo, "Yes"),
        JsonValueKind.False => new(AuditValueKind.YesNo, "No"),
        JsonValueKind.Array when value.GetArrayLength() == 0 => null,
        JsonValueKind.Array => new(AuditValueKind.Text, string.Join(", ", value.EnumerateArray().Select(item =>
            Value(field, item) is { } shown ? shown.Text : "—"))),
        _ => new(AuditValueKind.Text, value.GetRawText()),
    };

    private static AuditValue Scalar(string field, string text)
    {
        if (IsoDate().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return new(AuditValueKind.Date, text);
        }

        if (IsoInstant().IsMatch(text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return new(AuditValueKind.Instant, text);
        }

        return new(AuditValueKind.Text, Named(field, text));
    }

    // Enum values are stored by their code name; a reader sees the name the app shows everywhere else.
    private static string Named(string field, string text) => field switch
    {
        "CurrentStage" or "PendingRegression" or "Stage" or "From" or "To" when Enum.TryParse<Stage>(text, out var stage)
            && Enum.IsDefined(stage) => stage.DisplayName(),
        "SolutionArea" when Enum.TryParse<SolutionArea>(text, out var area) && Enum.IsDefined(area) => area.DisplayName(),
        "ProgrammeLevel" when Enum.TryParse<ProgrammeLevel>(text, out var level) && Enum.IsDefined(level) => level.DisplayName(),
        "Kind" when Enum.TryParse<SponsorKind>(text, out var kind) && Enum.IsDefined(kind) => kind.DisplayName(),
        "Role" when Enum.TryParse<VendorContactRole>(text, out var role) && Enum.IsDefined(role) => role.DisplayName(),
        "Role" or "Roles" when text == Roles.ChannelManager => "Channel manager",
        _ => text,
    };

    // Text that is not a JSON object: a JSON string or number is shown unescaped, anything else as stored.
    private static string? Readable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : document.RootElement.ToString();
        }
        catch (JsonException)
        {
            return text;
        }
    }

    // An instant's "Utc" suffix is left to the value, which the page writes with its zone.
    private static string Words(string name)
    {
        if (name.Length > 3 && name.EndsWith("Utc", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        if (name.Length == 0)
        {
            return name;
        }

        var words = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                words.Append(' ');
            }

            words.Append(i == 0 ? char.ToUpperInvariant(c) : startsWord && (i + 1 < name.Length && char.IsLower(name[i + 1])) ? char.ToLowerInvariant(c) : c);
        }

        return words.ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoInstant();
}
