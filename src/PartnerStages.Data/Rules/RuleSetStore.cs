using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// The active rule set, kept in memory: classification runs on every keystroke of the assessment
// form. The active version's number is the stamp: a publish always changes it, on whichever app
// instance it happened, so each instance re-reads it at most every StampCheckInterval (one indexed
// one-row query) and reloads the rules only when it moved. No restart, several instances on one database.
public sealed class RuleSetStore(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    // Who made the version every database starts with (RuleSet.Default): no person.
    public const string SeededBy = "system";

    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, RuleSet> _versions = new();
    private volatile ActiveRules? _active;

    // Any stored version, for explaining the check-ins it judged. Published versions never change,
    // so they are kept; a draft is read afresh every time (it is edited until it is published).
    public async Task<RuleSet> GetVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.RuleSets.AsNoTracking().Where(r => r.Number == version).Select(r => new { r.Json, r.Status })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Rule set v{version} is not stored, so the check-ins it judged cannot be explained.");
        var rules = Checked(version, stored.Json);
        return stored.Status == RuleSetStatus.Draft ? rules : _versions.GetOrAdd(version, rules);
    }

    public async Task<RuleSet> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        var active = _active;
        if (active is not null && clock.GetElapsedTime(active.CheckedAt) < StampCheckInterval)
        {
            return active.Rules;
        }

        int number;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            number = await db.RuleSets.AsNoTracking()
                .Where(r => r.Status == RuleSetStatus.Active)
                .Select(r => (int?)r.Number)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException("No rule set is active: the database was not initialised.");
        }

        var rules = active?.Rules.Version == number ? active.Rules : await GetVersionAsync(number, cancellationToken);
        _active = new ActiveRules(rules, clock.GetTimestamp());
        return rules;
    }

    // For the caption that names the version behind today's verdicts (everyone sees it; drafts stay hidden).
    public async Task<ActiveRuleSetInfo> DescribeActiveAsync(CancellationToken cancellationToken = default)
    {
        var version = (await GetActiveAsync(cancellationToken)).Version;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var publishedAtUtc = await db.RuleSets.AsNoTracking().Where(r => r.Number == version)
            .Select(r => r.PublishedAtUtc).SingleOrDefaultAsync(cancellationToken);
        return new ActiveRuleSetInfo(version, publishedAtUtc);
    }

    // After a publish on this instance: its own next request sees the new version at once.
    public void ForgetActive() => _active = null;

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

        var definition = new RuleSetDefinition(RuleSet.Default.Version, RuleSet.Default.ToJson(), SeededBy, nowUtc);
        definition.Publish(nowUtc);
        db.RuleSets.Add(definition);
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record ActiveRules(RuleSet Rules, long CheckedAt);
}

public sealed record ActiveRuleSetInfo(int Version, DateTime? PublishedAtUtc);
