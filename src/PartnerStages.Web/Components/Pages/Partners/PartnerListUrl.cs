using System.Globalization;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Components.Pages.Partners;

// The partner list's state in its URL, so a link (from the dashboard, a colleague, the back
// button) reproduces the view. Parameter names are a contract: the dashboard links with them.
public static class PartnerListUrl
{
    public static string For(PartnerQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", query.Search);
        if (query.Stages.Count > 0)
        {
            // Stage names need no escaping; a literal comma keeps the link readable.
            parts.Add("stage=" + string.Join(',', query.Stages.Distinct().Order()));
        }

        Add("owner", query.OwnerId);
        Add("region", query.Region);
        Add("area", query.SolutionArea?.ToString());
        Add("overdue", query.OverdueOnly ? "true" : null);
        Add("pending", query.PendingRegressionOnly ? "true" : null);
        Add("archived", query.Archived ? "true" : null);
        Add("sort", query.Sort == PartnerSort.Name ? null : query.Sort.ToString());
        Add("desc", query.Descending ? "true" : null);
        Add("page", query.Page > 0 ? (query.Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "partners" : "partners?" + string.Join('&', parts);
    }

    // Unknown values are ignored rather than refused: an old or hand-edited link still opens the list.
    public static PartnerQuery Parse(string? search, string? stages, string? owner, string? region, string? area,
        bool? overdue, bool? pending, bool? archived, string? sort, bool? descending, int? page) => new()
    {
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        Stages = (stages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<Stage>(s, ignoreCase: true, out var stage) && Enum.IsDefined(stage) ? stage : (Stage?)null)
            .OfType<Stage>().Distinct().ToList(),
        OwnerId = string.IsNullOrWhiteSpace(owner) ? null : owner,
        Region = string.IsNullOrWhiteSpace(region) ? null : region,
        SolutionArea = Enum.TryParse<SolutionArea>(area, ignoreCase: true, out var a) && Enum.IsDefined(a) ? a : null,
        OverdueOnly = overdue == true,
        PendingRegressionOnly = pending == true,
        Archived = archived == true,
        Sort = Enum.TryParse<PartnerSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : PartnerSort.Name,
        Descending = descending == true,
        Page = page is > 1 ? page.Value - 1 : 0,
    };
}
