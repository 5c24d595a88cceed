using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Dashboard;

namespace PartnerStages.Web.Dashboard;

// The dashboard's filters as its URL carries them (?owner=&region=&area=&months=12, or &from=&to=
// for a custom range). The page and the CSV export read the same URL, so a download always holds
// what the screen shows.
public sealed record DashboardView
{
    public const string AllOwners = "all";
    public const int DefaultMonths = 12;
    public static IReadOnlyList<int> MonthChoices { get; } = [3, 6, 12, 24];

    // Null: the default for the role (a channel manager's own partners, everyone's for the rest).
    public string? Owner { get; init; }
    public string? Region { get; init; }
    public SolutionArea? Area { get; init; }
    public int Months { get; init; } = DefaultMonths;

    // A custom range, when both are given; otherwise the last Months months.
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    public bool IsCustomRange => From is not null && To is not null;

    public static DashboardView Parse(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        var end = url.IndexOf('#', StringComparison.Ordinal);
        var values = QueryHelpers.ParseQuery(start < 0 ? "" : end > start ? url[start..end] : url[start..]);
        string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        DateOnly? Day(string name) => DateOnly.TryParseExact(Text(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

        var months = int.TryParse(Text("months"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && MonthChoices.Contains(m) ? m : DefaultMonths;
        var (from, to) = (Day("from"), Day("to"));
        return new DashboardView
        {
            Owner = Text("owner"),
            Region = Text("region"),
            Area = Enum.TryParse<SolutionArea>(Text("area"), ignoreCase: true, out var area) && Enum.IsDefined(area) ? area : null,
            Months = months,
            // A reversed range is read the way it was surely meant.
            From = from is { } f && to is { } t && t < f ? t : from,
            To = from is { } f2 && to is { } t2 && t2 < f2 ? f2 : to,
        };
    }

    public string Url => "dashboard" + QueryString();

    public string ExportUrl(string table) => $"dashboard/export/{table}.csv" + QueryString();

    // Who the figures are about: a channel manager starts on its own portfolio (and may widen it);
    // executives and administrators start on everyone's.
    public string? OwnerIdFor(Actor actor) => Owner switch
    {
        AllOwners => null,
        null => IsOwnPortfolioByDefault(actor) ? actor.UserId : null,
        var id => id,
    };

    public static bool IsOwnPortfolioByDefault(Actor actor) =>
        actor.IsChannelManager && !actor.IsAdministrator && !actor.Roles.Contains(Roles.Executive);

    // The last N months: N whole months ending today (ReportingPeriod states the rule).
    public (DateOnly From, DateOnly To) PeriodFor(DateOnly today)
    {
        if (IsCustomRange)
        {
            // A range beyond today or longer than the dashboard covers is cut to what it can show;
            // the heading says which period the figures are for.
            var to = To!.Value > today ? today : To.Value < DashboardFilter.EarliestDay ? DashboardFilter.EarliestDay : To.Value;
            var earliest = DashboardFilter.EarliestDay > to.AddMonths(-DashboardFilter.LongestPeriodMonths)
                ? DashboardFilter.EarliestDay
                : to.AddMonths(-DashboardFilter.LongestPeriodMonths);
            return (From!.Value > to ? to : From.Value < earliest ? earliest : From.Value, to);
        }

        return ReportingPeriod.LastMonths(today, Months);
    }

    public DashboardFilter ToFilter(Actor actor, DateOnly today)
    {
        var (from, to) = PeriodFor(today);
        return new DashboardFilter { OwnerId = OwnerIdFor(actor), Region = Region, SolutionArea = Area, From = from, To = to };
    }

    // The same view with the owner spelled out, so a shared link or a download does not depend on
    // the role of whoever opens it.
    public DashboardView Explicit(Actor actor) => this with { Owner = OwnerIdFor(actor) ?? AllOwners };

    private string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("owner", Owner);
        Add("region", Region);
        Add("area", Area?.ToString());
        if (IsCustomRange)
        {
            Add("from", From!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", To!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            Add("months", Months.ToString(CultureInfo.InvariantCulture));
        }

        return "?" + string.Join('&', parts);
    }
}
