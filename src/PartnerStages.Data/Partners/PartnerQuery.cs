using PartnerStages.Core;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Partners;

public enum PartnerSort
{
    Name,
    Stage,
    LastAssessed,
    StageSince,
    Owner,
    Region,
}

// One page of the partner list: every filter is optional and all of it runs in the database.
public sealed record PartnerQuery
{

    public string? Search { get; init; }
    public IReadOnlyCollection<Stage> Stages { get; init; } = [];
    public string? OwnerId { get; init; }
    public string? Region { get; init; }
    public SolutionArea? SolutionArea { get; init; }
    public bool OverdueOnly { get; init; }
    public bool PendingRegressionOnly { get; init; }
    public bool Archived { get; init; }

    // The dashboard's drill-downs. With StageOn, Stages means "in that stage at the end of that day"
    // and partners archived later count as active then.
    public DateOnly? StageOn { get; init; }

    // Partners whose stage moved in [Since, Until], optionally from and to given stages.
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public bool MovedOnly { get; init; }
    public Stage? MovedFrom { get; init; }
    public Stage? MovedTo { get; init; }

    // Partners with no stage yet (never assessed, or every assessment voided).
    public bool UnassessedOnly { get; init; }

    // In Denial or Despair for more than PartnerSignals.StuckAfterMonths.
    public bool StuckOnly { get; init; }

    // The newest assessment's maturity index fell by PartnerSignals.FallingIndexPoints or more.
    public bool FallingOnly { get; init; }

    // PartnerSignals.AtRiskDefinition: a pending regression, or falling.
    public bool AtRiskOnly { get; init; }

    public PartnerSort Sort { get; init; } = PartnerSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}
