using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Api;

// What the API answers and takes, where the services' own records do not fit as they are.

public sealed record PartnerListResponse(IReadOnlyList<PartnerRow> Items, string? Next);

public sealed record PartnerChangesResponse(IReadOnlyList<PartnerChange> Items, string Cursor, string? Next);

public sealed record PartnerCreated(int Id, PartnerDetails Partner);

public sealed record CheckInRequest
{
    // The day of the check-in; today (UTC) when left out.
    public DateOnly? AssessedOn { get; init; }
    public string? Evidence { get; init; }
    public required AssessmentInputs Inputs { get; init; }
}

public sealed record CheckInRecorded(int AssessmentId, StageOutcome Outcome, Stage CurrentStage, Stage? PendingRegression, int Version, Verdict Verdict);

public sealed record OverrideRequest
{
    public required Stage Stage { get; init; }
    public required string Reason { get; init; }
}

public sealed record CheckInList(IReadOnlyList<AssessmentRow> Items, Verdict? LatestVerdict);

public sealed record StageHistory(IReadOnlyList<StageChangeRow> Items);

public sealed record StageCounts(IReadOnlyDictionary<Stage, int> ByStage, int? NotAssessed, int Total)
{
    public static StageCounts From(StageTally tally) =>
        new(tally.ByStage.ToDictionary(s => s.Key, s => s.Value.Value), tally.NotAssessed?.Value, tally.Total);
}

public sealed record MonthCounts(DateOnly MonthEnd, IReadOnlyDictionary<Stage, int> ByStage);

public sealed record TransitionCount(Stage From, Stage To, int Partners, bool IsRegression);

public sealed record BreakdownCount(string Key, string Label, int Partners, IReadOnlyDictionary<Stage, int> ByStage, int Overdue);

public sealed record DashboardResponse(
    string? OwnerId, string? Region, Core.Partners.SolutionArea? SolutionArea, DateOnly From, DateOnly To, DateOnly Today,
    StageCounts Now, StageCounts AtStart, IReadOnlyList<MonthCounts> Months, IReadOnlyList<TransitionCount> Transitions,
    int EnteredPlateau, int AtRisk, int Overdue, int Stuck, IReadOnlyList<BreakdownCount> ByOwner, IReadOnlyList<BreakdownCount> ByRegion)
{
    public static DashboardResponse Of(DashboardFigures f)
    {
        static IReadOnlyDictionary<Stage, int> Counts(IReadOnlyDictionary<Stage, Figure> byStage) => byStage.ToDictionary(s => s.Key, s => s.Value.Value);
        static BreakdownCount Row(Breakdown b) => new(b.Key, b.Label, b.Partners.Value, Counts(b.ByStage), b.Overdue.Value);
        return new(f.Filter.OwnerId, f.Filter.Region, f.Filter.SolutionArea, f.Filter.From, f.Filter.To, f.Today,
            StageCounts.From(f.Now), StageCounts.From(f.AtStart), f.Months.Select(m => new MonthCounts(m.MonthEnd, Counts(m.ByStage))).ToList(),
            f.Transitions.Select(t => new TransitionCount(t.From, t.To, t.Partners.Value, t.IsRegression)).ToList(),
            f.EnteredPlateau.Value, f.AtRisk.Count.Value, f.Overdue.Count.Value, f.Stuck.Count.Value,
            f.ByOwner.Select(Row).ToList(), f.ByRegion.Select(Row).ToList());
    }
}
