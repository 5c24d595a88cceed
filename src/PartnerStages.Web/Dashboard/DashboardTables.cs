using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Dashboard;

// Each dashboard table as CSV, from the same figures the page shows.
public static class DashboardTables
{
    public const string Distribution = "distribution";
    public const string Mix = "mix";
    public const string Transitions = "transitions";
    public const string AtRisk = "at-risk";
    public const string Overdue = "overdue";
    public const string Stuck = "stuck";
    public const string Owners = "owners";
    public const string Regions = "regions";

    public static IReadOnlyList<string> All { get; } = [Distribution, Mix, Transitions, AtRisk, Overdue, Stuck, Owners, Regions];

    // The flagged lists export every partner behind the count, not only the first few on screen.
    public static FlaggedPartners? Flagged(string table, DashboardFigures figures) => table switch
    {
        AtRisk => figures.AtRisk,
        Overdue => figures.Overdue,
        Stuck => figures.Stuck,
        _ => null,
    };

    public static CsvTable Csv(string table, DashboardFigures figures, IReadOnlyList<PartnerRow> flaggedRows) => table switch
    {
        Distribution => DistributionCsv(figures),
        Mix => new CsvTable(["Month end", .. StageNames, "Total"],
            figures.Months.Select(m => (IReadOnlyList<object?>)[m.MonthEnd, .. Counts(m.ByStage), m.Total])),
        Transitions => new CsvTable(["From", "To", "Partners", "Direction"],
            figures.Transitions.Select(t => (IReadOnlyList<object?>)[t.From.DisplayName(), t.To.DisplayName(), t.Partners.Value,
                t.IsRegression ? "Regression" : "Improvement"])),
        AtRisk or Overdue or Stuck => PartnersCsv(flaggedRows),
        Owners => BreakdownCsv("Owner", figures.ByOwner),
        Regions => BreakdownCsv("Region", figures.ByRegion),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown dashboard table."),
    };

    private static IEnumerable<string> StageNames => StageHealth.ByHealth.Select(s => s.DisplayName());

    private static IEnumerable<object?> Counts(IReadOnlyDictionary<Stage, Figure> byStage) =>
        StageHealth.ByHealth.Select(s => (object?)byStage[s].Value);

    private static CsvTable DistributionCsv(DashboardFigures figures)
    {
        var total = figures.Now.Total;
        var startDay = figures.Filter.From.AddDays(-1);
        var rows = StageHealth.ByHealth.Select(stage =>
        {
            var now = figures.Now.ByStage[stage].Value;
            var before = figures.AtStart.ByStage[stage].Value;
            return (IReadOnlyList<object?>)[stage.DisplayName(), now, Share(now, total), before, now - before];
        }).ToList();
        if (figures.Now.NotAssessed is { } notAssessed)
        {
            rows.Add(["Not assessed yet", notAssessed.Value, Share(notAssessed.Value, total), null, null]);
        }

        return new CsvTable(["Stage", "Partners now", "Share now (%)", $"Partners on {startDay:yyyy-MM-dd}", "Change"], rows);
    }

    private static double Share(int count, int total) => total == 0 ? 0 : Math.Round(100.0 * count / total, 1);

    private static CsvTable BreakdownCsv(string keyHeader, IReadOnlyList<Breakdown> rows) =>
        new CsvTable([keyHeader, "Partners", .. StageNames, "Overdue"],
            rows.Select(b => (IReadOnlyList<object?>)[b.Label, b.Partners.Value, .. Counts(b.ByStage), b.Overdue.Value]));

    private static CsvTable PartnersCsv(IReadOnlyList<PartnerRow> rows) =>
        new CsvTable(["Partner", "Stage", "Pending regression to", "Stage since", "Last assessed", "Owner", "Region", "Solution area"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.CurrentStage?.DisplayName() ?? "Not assessed", r.PendingRegression?.DisplayName(),
                r.StageSince, r.LastAssessedOn, r.OwnerName, r.Region, r.SolutionArea.DisplayName()]));
}
