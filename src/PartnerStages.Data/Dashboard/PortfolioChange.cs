using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Dashboard;

// One write that may change dashboard figures, as the partners it touched are filtered: every
// instance on the database reads these rows to drop the cached figures they make stale. A row with
// no owner, region and area stands for a change to everything (an import, a rule set, a renamed owner).
// HistoryFrom is the first day whose stage standings the write can alter: a check-in today leaves the
// standings at every earlier month end as they were, so those figures stay cached.
public sealed class PortfolioChange
{
    // Standings a write did not touch at all (a note edited, a check-in that moved no stage).
    public static readonly DateOnly NoHistory = DateOnly.MaxValue;

    private PortfolioChange(string? ownerId, string? region, SolutionArea? solutionArea, DateOnly historyFrom)
    {
        OwnerId = ownerId;
        Region = region;
        SolutionArea = solutionArea;
        HistoryFrom = historyFrom;
    }

    public long Id { get; private set; }
    public string? OwnerId { get; private set; }
    public string? Region { get; private set; }
    public SolutionArea? SolutionArea { get; private set; }
    public DateOnly HistoryFrom { get; private set; }

    public bool IsEverything => OwnerId is null && Region is null && SolutionArea is null;

    public static PortfolioChange Everything() => new(null, null, null, DateOnly.MinValue);

    public static PortfolioChange Of(string ownerId, string region, SolutionArea solutionArea, DateOnly historyFrom) =>
        new(ownerId, region, solutionArea, historyFrom);

    // Whether figures for this filter may count a partner this change touched.
    public bool Affects(DashboardFilter filter) =>
        IsEverything
        || ((filter.OwnerId is null || filter.OwnerId == OwnerId)
            && (filter.Region is null || filter.Region == Region)
            && (filter.SolutionArea is null || filter.SolutionArea == SolutionArea));

    // Whether the standings at the end of a past day, for this filter, may have changed.
    public bool AffectsStandingsOn(DashboardFilter filter, DateOnly day) => HistoryFrom <= day && Affects(filter);
}
