using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Components.Shared;

// The partner list's state in its URL, so a link (from the dashboard, a colleague, the back
// button) reproduces the view. Parameter names are a contract: the dashboard links with them.
public static class PartnerListUrl
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string For(PartnerQuery query) => "partners" + QueryString(query);

    // The CSV export of the whole list (every page): the same parameters on the export endpoint's path.
    public static string ExportFor(PartnerQuery query) => "export/partners.csv" + QueryString(query with { Page = 0 });

    private static string QueryString(PartnerQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        void Flag(string name, bool on) => Add(name, on ? "true" : null);

        Add("q", query.Search);
        if (query.Stages.Count > 0)
        {
            // Stage names need no escaping; a literal comma keeps the link readable.
            parts.Add("stage=" + string.Join(',', query.Stages.Distinct().Order()));
        }

        Add("owner", query.OwnerId);
        Add("region", query.Region);
        Add("area", query.SolutionArea?.ToString());
        Flag("overdue", query.OverdueOnly);
        Flag("pending", query.PendingRegressionOnly);
        Flag("archived", query.Archived);
        Add("on", Date(query.StageOn));
        Add("since", Date(query.Since));
        Add("until", Date(query.Until));
        Flag("moved", query.MovedOnly);
        Add("from", query.MovedFrom?.ToString());
        Add("to", query.MovedTo?.ToString());
        Flag("unassessed", query.UnassessedOnly);
        Flag("stuck", query.StuckOnly);
        Flag("falling", query.FallingOnly);
        Flag("atrisk", query.AtRiskOnly);
        Add("sort", query.Sort == PartnerSort.Name ? null : query.Sort.ToString());
        Flag("desc", query.Descending);
        Add("page", query.Page > 0 ? (query.Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    // Reads the query string of a URL (absolute or relative). Unknown or malformed values are
    // ignored rather than refused: an old or hand-edited link still opens the list.
    public static PartnerQuery Parse(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        var end = url.IndexOf('#', StringComparison.Ordinal);
        var queryString = start < 0 ? "" : end > start ? url[start..end] : url[start..];
        var values = QueryHelpers.ParseQuery(queryString);
        string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        bool Flag(string name) => bool.TryParse(Text(name), out var on) && on;
        DateOnly? Day(string name) =>
            DateOnly.TryParseExact(Text(name), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        Stage? OneStage(string? text) =>
            Enum.TryParse<Stage>(text, ignoreCase: true, out var stage) && Enum.IsDefined(stage) ? stage : null;

        return new PartnerQuery
        {
            Search = Text("q")?.Trim(),
            Stages = (Text("stage") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(OneStage).OfType<Stage>().Distinct().ToList(),
            OwnerId = Text("owner"),
            Region = Text("region"),
            SolutionArea = Enum.TryParse<SolutionArea>(Text("area"), ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : null,
            OverdueOnly = Flag("overdue"),
            PendingRegressionOnly = Flag("pending"),
            Archived = Flag("archived"),
            StageOn = Day("on"),
            Since = Day("since"),
            Until = Day("until"),
            MovedOnly = Flag("moved"),
            MovedFrom = OneStage(Text("from")),
            MovedTo = OneStage(Text("to")),
            UnassessedOnly = Flag("unassessed"),
            StuckOnly = Flag("stuck"),
            FallingOnly = Flag("falling"),
            AtRiskOnly = Flag("atrisk"),
            Sort = Enum.TryParse<PartnerSort>(Text("sort"), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : PartnerSort.Name,
            Descending = Flag("desc"),
            Page = int.TryParse(Text("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 1 ? page - 1 : 0,
        };
    }

    private static string? Date(DateOnly? day) => day?.ToString(DateFormat, CultureInfo.InvariantCulture);
}
