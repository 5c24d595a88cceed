using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;
using PartnerStages.Data.Dashboard;

namespace PartnerStages.Benchmarks.Dashboard;

// What a check-in that moves a partner's stage today leaves for the dashboard cache: one change row
// for the partner's owner, region and area. Written alone, so a measurement's database stays as it was
// and the next open recomputes exactly what a real check-in would make it recompute.
public static class CheckInNotice
{
    public static async Task WriteAsync(IDbContextFactory<PartnerStagesDbContext> contexts, DateOnly today)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var partner = await db.Partners.AsNoTracking().Where(p => !p.IsArchived).OrderBy(p => p.Id)
            .Select(p => new { p.OwnerId, p.Region, p.SolutionArea }).FirstAsync();
        db.PortfolioChanges.Add(PortfolioChange.Of(partner.OwnerId, partner.Region, partner.SolutionArea, today));
        await db.SaveChangesAsync();
    }
}
