using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;

namespace PartnerStages.Data.Dashboard;

public sealed record DashboardFilter
{
    // Five years of month ends at the most: longer periods say little on one screen and cost a
    // read of the whole stage history.
    public const int LongestPeriodMonths = 60;

    // No partner programme this tracks is older; dates before it are typos (0001-01-01).
    public static readonly DateOnly EarliestDay = new(1990, 1, 1);

    public string? OwnerId { get; init; }
    public string? Region { get; init; }
    public SolutionArea? SolutionArea { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    // The partners every figure is about; each figure narrows it further.
    public PartnerQuery Scope => new() { OwnerId = OwnerId, Region = Region, SolutionArea = SolutionArea, PageSize = 25 };
}

// A number on the dashboard and the partner-list query that shows exactly the partners behind it.
public sealed record Figure(int Value, PartnerQuery Query);

// NotAssessed is known only for today: partners have no creation date to tell who existed earlier.
public sealed record StageTally(IReadOnlyDictionary<Stage, Figure> ByStage, Figure? NotAssessed)
{
    public int Total => ByStage.Values.Sum(f => f.Value) + (NotAssessed?.Value ?? 0);
}

public sealed record MonthMix(DateOnly MonthEnd, IReadOnlyDictionary<Stage, Figure> ByStage)
{
    public int Total => ByStage.Values.Sum(f => f.Value);
}

// Partners that made this move at least once in the period.
public sealed record Transition(Stage From, Stage To, Figure Partners)
{
    public bool IsRegression => To.IsWorseThan(From);
}

public sealed record FlaggedPartners(Figure Count, IReadOnlyList<PartnerRow> First);

public sealed record Breakdown(string Key, string Label, Figure Partners, IReadOnlyDictionary<Stage, Figure> ByStage, Figure Overdue);

// The dashboard's panels, each read and cached on its own so the page fills as they arrive.
public sealed record DistributionFigures(StageTally Now, StageTally AtStart);

public sealed record MoveFigures(IReadOnlyList<Transition> Transitions, Figure EnteredPlateau);

public sealed record FlaggedFigures(FlaggedPartners AtRisk, FlaggedPartners Overdue, FlaggedPartners Stuck);

public sealed record BreakdownFigures(IReadOnlyList<Breakdown> ByOwner, IReadOnlyList<Breakdown> ByRegion);

public sealed record MonthFigures(IReadOnlyList<MonthMix> Months);

public sealed record DashboardFigures(
    DashboardFilter Filter,
    DateOnly Today,
    StageTally Now,
    StageTally AtStart,
    IReadOnlyList<MonthMix> Months,
    IReadOnlyList<Transition> Transitions,
    Figure EnteredPlateau,
    FlaggedPartners AtRisk,
    FlaggedPartners Overdue,
    FlaggedPartners Stuck,
    IReadOnlyList<Breakdown> ByOwner,
    IReadOnlyList<Breakdown> ByRegion)
{
    public bool IsEmpty => Now.Total == 0;
}
