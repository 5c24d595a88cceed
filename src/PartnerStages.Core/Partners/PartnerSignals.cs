namespace PartnerStages.Core.Partners;

// What the dashboard's and the partner list's flags mean, stated once: the database queries, the
// rows' chips and the help text shown beside each flag all read from here.
public static class PartnerSignals
{
    public const int OverdueAfterDays = 90;

    // A fall this large in one check-in is a real slide, not noise; it is the decline signal rule set
    // v1 uses for Plateau (momentum ≤ −5 points). Smaller dips happen on most check-ins.
    public const double FallingIndexPoints = 5;

    public const int StuckAfterMonths = 6;

    public static string OverdueDefinition { get; } =
        $"No check-in for more than {OverdueAfterDays} days; a partner never checked in counts from the day it was added.";

    public static string AtRiskDefinition { get; } =
        $"May slip to a less healthy stage: a regression awaits confirmation, or the latest check-in's maturity index fell by {FallingIndexPoints:0} points or more.";

    public static string StuckDefinition { get; } =
        $"In Denial or Despair for more than {StuckAfterMonths} months.";

    // The day a partner is overdue from: its last check-in, or the day it was added when it has none.
    public static DateOnly OverdueCountsFrom(DateOnly? lastCheckIn, DateOnly addedOn) => lastCheckIn ?? addedOn;

    // Overdue when the day it counts from is before this one.
    public static DateOnly OverdueCutoff(DateOnly today) => today.AddDays(-OverdueAfterDays);

    public static bool IsOverdue(DateOnly? lastCheckIn, DateOnly addedOn, bool archived, DateOnly today) =>
        !archived && OverdueCountsFrom(lastCheckIn, addedOn) < OverdueCutoff(today);

    public static bool IsFalling(double? latestMomentum) => latestMomentum <= -FallingIndexPoints;

    public static bool IsAtRisk(Stage? pendingRegression, double? latestMomentum) =>
        pendingRegression is not null || IsFalling(latestMomentum);

    public static DateOnly StuckCutoff(DateOnly today) => today.AddMonths(-StuckAfterMonths);
}

// The dashboard's "last N months": N whole months ending today (3 Dec 2025 – 2 Dec 2026 for 12), not
// the calendar months since the first of a month N−1 back, which made "Last 12 months" 11 and a bit.
public static class ReportingPeriod
{
    public static (DateOnly From, DateOnly To) LastMonths(DateOnly today, int months) =>
        (today.AddMonths(-months).AddDays(1), today);
}
