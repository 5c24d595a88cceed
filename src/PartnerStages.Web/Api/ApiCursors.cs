using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Api;

// Opaque cursors. A list cursor holds the last row's sort key values and the filters it was made
// for (a cursor from another filter or sort is refused rather than read wrongly); a change cursor
// holds the (ChangedAtUtc, Id) of the last change given.
internal static class ApiCursors
{
    private static readonly JsonSerializerOptions Json = new();

    public static string ForList(PartnerQuery query, IReadOnlyList<object?> after) =>
        Encode(JsonSerializer.Serialize(new ListCursor(Filters(query), after.Select(v => JsonSerializer.SerializeToElement(v, Json)).ToArray()), Json));

    public static IReadOnlyList<object?>? ReadList(string cursor, PartnerQuery query)
    {
        try
        {
            var list = JsonSerializer.Deserialize<ListCursor>(Decode(cursor), Json);
            var keys = PartnerListQueries.SortKeys(query);
            if (list is null || list.Filters != Filters(query) || list.After.Length != keys.Count)
            {
                return null;
            }

            return keys.Select((k, i) => list.After[i].Deserialize(k.Key.ReturnType, Json)).ToList();
        }
        catch (Exception error) when (error is FormatException or JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string ForChanges(DateTime atUtc, int id) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"c1:{atUtc.Ticks}:{id}"));

    public static (DateTime AtUtc, int Id)? ReadChanges(string cursor)
    {
        try
        {
            var parts = Decode(cursor).Split(':');
            return parts is ["c1", var ticks, var id]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
                && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                ? (new DateTime(t, DateTimeKind.Utc), i)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // The list's filters and order as the screen's URL writes them: one canonical form.
    private static string Filters(PartnerQuery query) => PartnerListUrl.For(query with { Page = 0, PageSize = 25 });

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string cursor) => cursor.Length > 2000
        ? throw new FormatException("Too long.")
        : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));

    private sealed record ListCursor(string Filters, JsonElement[] After);
}
