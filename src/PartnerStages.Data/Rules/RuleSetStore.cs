using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// The active rule set, read once and kept: classification runs on every keystroke of the
// assessment form, and a rule set changes only when an administrator publishes one.
public sealed class RuleSetStore(IDbContextFactory<PartnerStagesDbContext> contextFactory)
{
    private RuleSet? _active;

    public async Task<RuleSet> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        if (_active is { } cached)
        {
            return cached;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.RuleSets.AsNoTracking()
            .Where(r => r.Status == RuleSetStatus.Active)
            .Select(r => r.Json)
            .SingleOrDefaultAsync(cancellationToken);
        var active = json is null ? RuleSet.Default : RuleSet.FromJson(json);
        _active = active;
        return active;
    }

    // Every database starts with rule set v1 active, so every verdict names a stored version.
    internal static async Task SeedDefaultAsync(PartnerStagesDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (await db.RuleSets.AnyAsync(cancellationToken))
        {
            return;
        }

        var definition = new RuleSetDefinition(RuleSet.Default.Version, RuleSet.Default.ToJson(), "system", nowUtc);
        definition.Publish(nowUtc);
        db.RuleSets.Add(definition);
        await db.SaveChangesAsync(cancellationToken);
    }
}
