using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// The active rule set, read once and kept: classification runs on every keystroke of the
// assessment form, and a rule set changes only when an administrator publishes one.
public sealed class RuleSetStore(IDbContextFactory<PartnerStagesDbContext> contextFactory)
{
    private readonly ConcurrentDictionary<int, RuleSet> _versions = new();
    private RuleSet? _active;

    // Any stored version, for explaining the check-ins it judged; a version never changes once used.
    public async Task<RuleSet> GetVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.RuleSets.AsNoTracking().Where(r => r.Number == version).Select(r => r.Json).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Rule set v{version} is not stored, so the check-ins it judged cannot be explained.");
        return _versions.GetOrAdd(version, Checked(version, json));
    }

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

        var active = stored is null
            ? throw new InvalidOperationException("No rule set is active: the database was not initialised.")
            : Checked(stored.Number, stored.Json);
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
