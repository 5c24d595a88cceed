using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Rules;

// The rules lab's versions and drafts (issue 15): list, start a draft from any version, save it as
// the administrator goes (optimistic concurrency on the row), delete it. Administrators only:
// channel managers and executives never see drafts.
public sealed class RuleSetService(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore store, TimeProvider clock)
{
    private const string EntityType = "RuleSet";

    public const string BuiltIn = "Built in (seeded at setup)";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<RuleSetVersionRow>> ListVersionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var checkIns = await db.Assessments.AsNoTracking()
            .Where(a => a.VoidedAtUtc == null)
            .GroupBy(a => a.Verdict.RuleSetVersion)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Version, g => g.Count, cancellationToken);
        var versions = await (
            from r in db.RuleSets.AsNoTracking()
            join c in db.Users on r.CreatedById equals c.Id into creators
            from creator in creators.DefaultIfEmpty()
            join p in db.Users on r.PublishedById equals p.Id into publishers
            from publisher in publishers.DefaultIfEmpty()
            orderby r.Number descending
            select new
            {
                r.Number,
                r.Status,
                CreatedBy = creator == null ? r.CreatedById : creator.DisplayName,
                r.CreatedAtUtc,
                PublishedBy = publisher == null ? r.PublishedById : publisher.DisplayName,
                r.PublishedAtUtc,
            }).ToListAsync(cancellationToken);
        // The seeded version was made by no person: say so rather than show an id or a dash.
        return versions.Select(v => new RuleSetVersionRow(v.Number, v.Status,
            v.CreatedBy is null or RuleSetStore.SeededBy ? BuiltIn : v.CreatedBy, v.CreatedAtUtc,
            v.PublishedAtUtc is null ? null : v.PublishedBy is null or RuleSetStore.SeededBy ? BuiltIn : v.PublishedBy, v.PublishedAtUtc,
            checkIns.GetValueOrDefault(v.Number))).ToList();
    }

    public async Task<RuleSetVersionView> GetAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.RuleSets.AsNoTracking().Where(r => r.Number == number)
            .Select(r => new { r.Status, r.Json, r.RowVersion }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Rule set v{number} does not exist (a draft may have been deleted).");
        return new RuleSetVersionView(number, stored.Status, RuleSet.FromJson(stored.Json), stored.RowVersion,
            await store.GetActiveAsync(cancellationToken));
    }

    // A draft is a copy of any stored version (the active one by default), under the next number.
    public async Task<int> StartDraftAsync(Actor actor, int fromNumber, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var source = await db.RuleSets.AsNoTracking().Where(r => r.Number == fromNumber).Select(r => r.Json)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Rule set v{fromNumber} does not exist.");
        var number = await db.RuleSets.MaxAsync(r => r.Number, cancellationToken) + 1;
        var draft = RuleSetDefinition.DraftFrom(RuleSet.FromJson(source), number, actor.UserId, Now);
        db.RuleSets.Add(draft);
        db.Audit(Now, actor, AuditAction.Created, EntityType, number, $"Started draft rule set v{number} from v{fromNumber}.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return number;
    }

    // Returns the row version to save with next time. Values that fail validation are saved too
    // (the editor shows them beside their fields); publishing refuses them.
    public async Task<int> SaveDraftAsync(Actor actor, int number, RuleSet rules, int rowVersion, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(rules);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await LoadDraftAsync(db, number, rowVersion, cancellationToken);
        var before = RuleSet.FromJson(draft.Json);
        draft.Edit(rules);
        db.Entry(draft).Property(r => r.RowVersion).IsModified = true;
        var changes = RuleSetDiff.Between(before, rules with { Version = number });
        db.Audit(Now, actor, AuditAction.Edited, EntityType, number,
            $"Edited draft rule set v{number}: {(changes.Count == 0 ? "no value changed" : string.Join(", ", changes.Select(c => c.Path)))}.",
            changes.ToDictionary(c => c.Path, c => c.Before), changes.ToDictionary(c => c.Path, c => c.After));
        await SaveOrRefuseAsync(db, number, cancellationToken);
        return draft.RowVersion;
    }

    public async Task DeleteDraftAsync(Actor actor, int number, int rowVersion, CancellationToken cancellationToken = default)
    {
        EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await LoadDraftAsync(db, number, rowVersion, cancellationToken);
        db.RuleSets.Remove(draft);
        db.Audit(Now, actor, AuditAction.Deleted, EntityType, number, $"Deleted draft rule set v{number}.", before: new { draft.Json });
        await SaveOrRefuseAsync(db, number, cancellationToken);
    }

    internal static async Task<RuleSetDefinition> LoadDraftAsync(PartnerStagesDbContext db, int number, int rowVersion, CancellationToken cancellationToken)
    {
        var draft = await db.RuleSets.SingleOrDefaultAsync(r => r.Number == number, cancellationToken)
            ?? throw new NotFoundException($"Draft rule set v{number} does not exist any more: someone deleted it.");
        draft.EnsureDraft();
        // The version the editor read, so a save made meanwhile is refused rather than overwritten.
        db.Entry(draft).Property(r => r.RowVersion).OriginalValue = rowVersion;
        return draft;
    }

    internal static async Task SaveOrRefuseAsync(PartnerStagesDbContext db, int number, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(
                $"Someone else saved draft rule set v{number} while you were editing it. Nothing of yours was saved and your " +
                "values are still here: reload to see theirs, then apply yours again.");
        }
    }

    internal static void EnsureAdministrator(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can see and change rule sets.");
        }
    }
}
