using System.Text.Json;
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
        var stored = await db.RuleSets.AsNoTracking()
            .Where(r => r.Status == RuleSetStatus.Active)
            .Select(r => new { r.Number, r.Json })
            .SingleOrDefaultAsync(cancellationToken);

        // Seeding stores v1 in every database the app starts on; only a bare test database has none.
        var active = stored is null ? RuleSet.Default : Checked(stored.Number, stored.Json);
        _active = active;
        return active;
    }

    // The classifier trusts its rule set (it does not re-check on every call), so a stored one that
    // does not hold up is refused here, by number, rather than judged with.
    private static RuleSet Checked(int version, string json)
    {
        RuleSet rules;
        try
        {
            rules = RuleSet.FromJson(json);
        }
        catch (JsonException error)
        {
            throw new InvalidOperationException($"Rule set v{version} is not readable JSON: {error.Message}", error);
        }

        return rules.Validate() is [var first, ..] problems
            ? throw new InvalidOperationException(
                $"Rule set v{version} is not valid ({problems.Count} problems), first: {first.Field}: {first.Message}")
            : rules;
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
