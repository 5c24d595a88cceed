using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// One partner of an impact cell, with both verdicts explained (only the rows a page shows).
public sealed record ImpactPartnerRow(int PartnerId, string Name, DateOnly AssessedOn, Stage? CurrentStage, Verdict Before, Verdict After);

// The rules lab's impact on today's portfolio: each active partner's latest standing check-in, with
// the history the rules read when it was judged, through the active version and a draft (RuleImpact).
public sealed class RuleImpactService(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore store)
{
    // A cell's list is a page of partners, not the portfolio: Explain runs for these only.
    public const int ListedAtMost = 50;

    public async Task<RuleImpact> ComputeAsync(Actor actor, RuleSet draft, CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var active = await store.GetActiveAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var cases = await LoadCasesAsync(db, active, draft, partnerIds: null, cancellationToken);
        return RuleImpact.Compute(cases.Select(c => c.Case), active, draft);
    }

    public async Task<IReadOnlyList<ImpactPartnerRow>> ExplainAsync(Actor actor, RuleSet draft, IReadOnlyList<int> partnerIds,
        CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(partnerIds);
        var active = await store.GetActiveAsync(cancellationToken);
        var shown = partnerIds.Take(ListedAtMost).ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var cases = (await LoadCasesAsync(db, active, draft, shown, cancellationToken)).Select(c => c.Case);
        var names = await db.Partners.AsNoTracking().Where(p => shown.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return cases.OrderBy(c => names[c.PartnerId], StringComparer.CurrentCultureIgnoreCase)
            .Select(c => new ImpactPartnerRow(c.PartnerId, names[c.PartnerId], c.History.AssessedOn, c.Status?.Current,
                StageClassifier.Explain(c.Inputs, c.HistoryUnder(active), active),
                StageClassifier.Explain(c.Inputs, c.HistoryUnder(draft), draft)))
            .ToList();
    }

    // The latest standing check-in of every active partner (or of the ones asked for). When the two
    // rule sets weigh the index differently, the check-in before it comes too, so that momentum
    // compares indices worked out under the same weights (ImpactCase.PreviousInputs). Each is found
    // by a subquery per partner on the (PartnerId, AssessedOn) index: a ROW_NUMBER over every
    // check-in (what Take(n) inside SelectMany becomes) read the whole table and cost six times the rules.
    internal static async Task<List<(ImpactCase Case, int AssessmentId)>> LoadCasesAsync(PartnerStagesDbContext db, RuleSet active, RuleSet draft,
        IReadOnlyList<int>? partnerIds, CancellationToken cancellationToken)
    {
        var reweighted = active.Weights != draft.Weights || active.Caps != draft.Caps;
        var partners = db.Partners.AsNoTracking().Where(p => !p.IsArchived);
        if (partnerIds is not null)
        {
            partners = partners.Where(p => partnerIds.Contains(p.Id));
        }

        var latest = await (
            from p in partners
            join a in db.Assessments.AsNoTracking() on db.Assessments
                .Where(x => x.PartnerId == p.Id && x.VoidedAtUtc == null)
                .OrderByDescending(x => x.AssessedOn).ThenByDescending(x => x.Id)
                .Select(x => x.Id).FirstOrDefault() equals a.Id
            select new
            {
                PartnerId = p.Id,
                p.CurrentStage,
                p.PendingRegression,
                p.OverrideReason,
                AssessmentId = a.Id,
                a.AssessedOn,
                a.Inputs,
                a.History,
                a.Verdict.Stage,
            }).ToListAsync(cancellationToken);
        var previous = reweighted
            ? await (
                from p in partners
                join a in db.Assessments.AsNoTracking() on db.Assessments
                    .Where(x => x.PartnerId == p.Id && x.VoidedAtUtc == null)
                    .OrderByDescending(x => x.AssessedOn).ThenByDescending(x => x.Id)
                    .Skip(1).Select(x => x.Id).FirstOrDefault() equals a.Id
                select new { a.PartnerId, a.Inputs }).ToDictionaryAsync(a => a.PartnerId, a => a.Inputs, cancellationToken)
            : [];

        var cases = new List<(ImpactCase, int)>(latest.Count);
        foreach (var row in latest)
        {
            var status = row.CurrentStage is { } current
                ? new StageStatus(current, row.PendingRegression, row.OverrideReason is { } reason ? new StageOverride(current, reason) : null)
                : null;
            cases.Add((new ImpactCase(row.PartnerId, row.Inputs, row.History.On(row.AssessedOn), row.Stage, status,
                previous.GetValueOrDefault(row.PartnerId)), row.AssessmentId));
        }

        return cases;
    }
}
