using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Dashboard;

// One write that may change dashboard figures, as the partners it touched are filtered: every
// instance on the database reads these rows to drop the cached figures they make stale. A row with
// no owner, region and area stands for a change to everything (an import, a rule set, a renamed owner).
public sealed class PortfolioChange
{
    private PortfolioChange(string? ownerId, string? region, SolutionArea? solutionArea)
    {
        OwnerId = ownerId;
        Region = region;
        SolutionArea = solutionArea;
    }

    public long Id { get; private set; }
    public string? OwnerId { get; private set; }
    public string? Region { get; private set; }
    public SolutionArea? SolutionArea { get; private set; }

    public bool IsEverything => OwnerId is null && Region is null && SolutionArea is null;

    public static PortfolioChange Everything() => new(null, null, null);

    public static PortfolioChange Of(string ownerId, string region, SolutionArea solutionArea) =>
        new(ownerId, region, solutionArea);

    // Whether figures for this filter may count a partner this change touched.
    public bool Affects(DashboardFilter filter) =>
        IsEverything
        || ((filter.OwnerId is null || filter.OwnerId == OwnerId)
            && (filter.Region is null || filter.Region == Region)
            && (filter.SolutionArea is null || filter.SolutionArea == SolutionArea));
}
