using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Rules;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Bulk;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Data.Rules;

// Reevaluated counts the partners whose latest check-in got another verdict (0 when WithReevaluation is false).
public sealed record PublishResult(int Number, int Retired, int Reevaluated, int Moved, int Pending, bool WithReevaluation = false);

// Publishing a draft (issue 15): it becomes the active version for every check-in from now on and the
// old one is retired, with an audit entry holding the diff. Optionally every active partner's latest
// check-in is judged again under it, in the same transaction: a stage change of its own cause
// ("rule set vN published") for each move, regressions pending as usual, an audit entry per partner.
public sealed class RuleSetPublisher(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore store, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<PublishResult> PublishAsync(Actor actor, int number, int rowVersion, bool reevaluate,
        CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var draft = await RuleSetService.LoadDraftAsync(db, number, rowVersion, cancellationToken);
        var rules = RuleSet.FromJson(draft.Json);
        if (rules.Validate() is [var first, ..])
        {
            throw new Core.DomainException(first.Field, $"Draft v{number} cannot be published yet: {first.Message}");
        }

        var retired = await db.RuleSets.SingleAsync(r => r.Status == RuleSetStatus.Active, cancellationToken);
        var before = RuleSet.FromJson(retired.Json);
        retired.Retire();
        draft.Publish(Now, actor.UserId);
        var diff = RuleSetDiff.Between(before, rules);
        db.Audit(Now, actor, AuditAction.RuleSetPublished, "RuleSet", number,
            $"Published rule set v{number} (v{retired.Number} retired){(reevaluate ? ", re-evaluating every active partner's latest check-in" : "")}: " +
            $"{diff.Count} value(s) changed.",
            diff.ToDictionary(d => d.Path, d => d.Before), diff.ToDictionary(d => d.Path, d => d.After));

        // The publish is saved first (a draft changed meanwhile is refused before any partner is judged);
        // the re-evaluation then writes in bulk in the same transaction.
        await RuleSetService.SaveOrRefuseAsync(db, number, cancellationToken);
        var (reevaluated, moved, pending) = reevaluate ? await ReevaluateAsync(db, actor, before, rules, cancellationToken) : (0, 0, 0);
        db.WebhookOutbox.Add(WebhookEvents.RuleSetPublishedMessage(number, reevaluate, reevaluated, moved, Now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        store.ForgetActive();
        return new PublishResult(number, retired.Number, reevaluated, moved, pending, reevaluate);
    }

    // Read inside the publish's transaction, so no check-in lands between judging and writing.
    private async Task<(int Reevaluated, int Moved, int Pending)> ReevaluateAsync(PartnerStagesDbContext db, Actor actor,
        RuleSet before, RuleSet rules, CancellationToken cancellationToken)
    {
        var cause = $"rule set v{rules.Version} published";
        var cases = await RuleImpactService.LoadCasesAsync(db, before, rules, partnerIds: null, cancellationToken);
        var judged = cases
            .Select(c => (c.Case, c.AssessmentId, Verdict: StageClassifier.Judge(c.Case.Inputs, c.Case.HistoryUnder(rules), rules)))
            .Where(j => j.Verdict.Stage != j.Case.RecordedVerdict)
            .ToList();
        int moved = 0, pending = 0;
        await using var partnerRows = new BulkUpdate<Partner>(db);
        await using var changes = new BulkInsert<StageChange>(db);
        await using var audit = new BulkInsert<AuditEntry>(db);
        // Bulk rows bypass the change tracker's stage-change events: each move and each held regression
        // writes its own event here, in the same transaction.
        await using var events = new BulkInsert<OutboxMessage>(db);
        foreach (var chunk in judged.Chunk(500))
        {
            var ids = chunk.Select(j => j.Case.PartnerId).ToList();
            var partners = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            foreach (var (@case, assessmentId, verdict) in chunk)
            {
                var partner = partners[@case.PartnerId];
                partnerRows.Remember(partner);
                var was = new { partner.CurrentStage, partner.PendingRegression, partner.OverrideReason };
                var update = partner.Reconsider(verdict, @case.History.AssessedOn, Today);
                // Claimed even when its standing stays: its check-in was judged again on it.
                await partnerRows.UpdateAsync(partner, claim: true, cancellationToken);
                if (update.Change is { } change)
                {
                    var stageChange = new StageChange(partner.Id, change.From, change.To, Today, change.Cause, assessmentId, actor.UserId, cause, Now);
                    await changes.AddAsync(stageChange, cancellationToken);
                    await events.AddAsync(WebhookEvents.StageChangedMessage(stageChange, partner.Name), cancellationToken);
                    moved++;
                }

                if (update is { Outcome: StageOutcome.RegressionPending, Status.Pending: { } held })
                {
                    await events.AddAsync(WebhookEvents.RegressionPendingMessage(partner, assessmentId, @case.History.AssessedOn, held, Now),
                        cancellationToken);
                    pending++;
                }

                await audit.AddAsync(DbContextAuditExtensions.Entry(Now, actor, AuditAction.RuleSetPublished, "Partner", partner.Id,
                    $"Re-evaluated {partner.Name}'s {@case.History.AssessedOn:yyyy-MM-dd} check-in: {cause}, the rules now say {verdict.Stage.DisplayName()}.",
                    was, new { partner.CurrentStage, partner.PendingRegression, partner.OverrideReason }), cancellationToken);
            }
        }

        await partnerRows.FlushAsync(cancellationToken);
        await changes.FlushAsync(cancellationToken);
        await audit.FlushAsync(cancellationToken);
        await events.FlushAsync(cancellationToken);

        // Written around the change tracker, so the dashboard's figures are told in so many words.
        if (judged.Count > 0)
        {
            db.NoteBulkPortfolioChange();
            await db.SaveChangesAsync(cancellationToken);
        }
        return (judged.Count, moved, pending);
    }
}
