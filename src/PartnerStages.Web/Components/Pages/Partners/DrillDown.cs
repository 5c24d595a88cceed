using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Components.Pages.Partners;

// A dashboard drill-down active on the list, in words, and the query without it.
public sealed record DrillDown(string Label, PartnerQuery Without);

// The list's ordinary filters have their own controls; the dashboard's drill-downs do not, so each
// is told as a removable chip, or a list of partners would appear with no reason given.
public static class DrillDowns
{
    public static bool Any(PartnerQuery query) => Describe(query).Count > 0;

    public static IReadOnlyList<DrillDown> Describe(PartnerQuery query)
    {
        var chips = new List<DrillDown>();
        var period = Period(query);
        var moved = query.MovedOnly || query.MovedFrom is not null || query.MovedTo is not null;

        if (query.StageOn is { } on)
        {
            var stages = query.Stages.Count == 0 ? "" : ": " + string.Join(" or ", StageHealth.ByHealth.Where(query.Stages.Contains).Select(s => s.DisplayName()));
            chips.Add(new($"Stage at end of {DisplayFormats.Day(on)}{stages}", query with { StageOn = null }));
        }

        if (moved)
        {
            var what = (query.MovedFrom, query.MovedTo) switch
            {
                ({ } from, { } to) => $"Moved {from.DisplayName()} → {to.DisplayName()}",
                (null, { } to) => $"Entered {to.DisplayName()}",
                ({ } from, null) => $"Left {from.DisplayName()}",
                _ => "Stage moved",
            };
            chips.Add(new(what + Suffix(period), query with
            {
                MovedOnly = false, MovedFrom = null, MovedTo = null,
                Since = null, Until = null,
            }));
        }

        if (query.AtRiskOnly)
        {
            chips.Add(new($"At risk: pending regression, or maturity index down {PartnerSignals.FallingIndexPoints:0}+ points", query with { AtRiskOnly = false }));
        }

        if (query.UnassessedOnly)
        {
            chips.Add(new("Not assessed yet", query with { UnassessedOnly = false }));
        }

        if (query.StuckOnly)
        {
            chips.Add(new($"Stuck in Denial or Despair for {PartnerSignals.StuckAfterMonths}+ months", query with { StuckOnly = false }));
        }

        if (query.FallingOnly)
        {
            chips.Add(new($"Maturity index down {PartnerSignals.FallingIndexPoints:0}+ points at the last check-in", query with { FallingOnly = false }));
        }

        return chips;
    }

    private static string? Period(PartnerQuery query) => (query.Since, query.Until) switch
    {
        ({ } since, { } until) => DisplayFormats.Period(since, until),
        ({ } since, null) => $"since {DisplayFormats.Day(since)}",
        (null, { } until) => $"until {DisplayFormats.Day(until)}",
        _ => null,
    };

    private static string Suffix(string? period) => period is null ? "" : ", " + period;
}
