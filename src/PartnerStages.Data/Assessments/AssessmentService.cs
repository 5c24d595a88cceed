using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Rules;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Data.Assessments;

public sealed class AssessmentService(
    IDbContextFactory<PartnerStagesDbContext> contextFactory,
    RuleSetStore ruleSets,
    TimeProvider clock)
{
    private const string EntityType = "Partner";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    // What the check-in form starts from. The refusals RecordAsync would make anyway are made here,
    // before anyone types: the form says them instead of the fields.
    public async Task<AssessmentContext> GetContextAsync(Actor actor, int partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw new NotFoundException("This partner does not exist any more.");
        if (!actor.CanChange(partner))
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == partner.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            throw new PermissionDeniedException($"You cannot assess this partner: only its owner ({owner ?? "someone else"}) or an administrator can.");
        }

        if (partner.IsArchived)
        {
            throw new DomainException(nameof(Assessment.AssessedOn), ArchivedMessage);
        }

        return await BuildContextAsync(db, partner, cancellationToken);
    }

    private const string ArchivedMessage = "This partner is archived: restore it before assessing it.";

    // Load, judge, save: the partner row (which holds what the rules remember of it) is read inside
    // the check-in's transaction (on SQLite an immediate one, which holds the write lock), and its row
    // version is claimed even when no column changes, so a check-in saved meanwhile is either seen
    // or refused as a conflict, never judged around.
    public async Task<RecordedAssessment> RecordAsync(Actor actor, int partnerId, AssessmentInputs inputs, DateOnly assessedOn,
        string? evidence, int partnerRowVersion, CancellationToken cancellationToken = default)
    {
        if (AssessmentValidation.Validate(inputs) is [var first, ..])
        {
            throw new DomainException(first.Field, first.Message);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, partnerId, partnerRowVersion, cancellationToken);
        if (partner.IsArchived)
        {
            throw new DomainException(nameof(Assessment.AssessedOn), ArchivedMessage);
        }

        CheckInRules.EnsureValid(assessedOn, evidence, partner.LastAssessedOn, Today);
        var history = partner.HistoryOn(assessedOn);
        var verdict = StageClassifier.Explain(inputs, history, await ruleSets.GetActiveAsync(cancellationToken));

        var before = StageSnapshot(partner);
        var update = partner.RecordVerdict(verdict, assessedOn);
        db.ClaimRowVersion(partner);
        var assessment = new Assessment(partner.Id, actor.UserId, inputs, evidence, history, verdict, Now);
        db.Assessments.Add(assessment);
        await db.SaveOrRefuseConflictAsync(cancellationToken);

        AddStageChange(db, partner, update.Change, assessedOn, assessment.Id, actor, reason: null);
        if (update is { Outcome: StageOutcome.RegressionPending, Status.Pending: { } held })
        {
            db.WebhookOutbox.Add(WebhookEvents.RegressionPendingMessage(partner, assessment, held));
        }

        db.Audit(Now, actor, AuditAction.Assessed, EntityType, partner.Id,
            $"Assessed {partner.Name} on {assessedOn:yyyy-MM-dd}: the rules say {verdict.Stage.DisplayName()} ({Describe(update.Outcome)}).",
            before, StageSnapshot(partner));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new RecordedAssessment(assessment.Id, verdict, update.Outcome, update.Status.Current, update.Status.Pending);
    }

    public Task ConfirmRegressionAsync(Actor actor, int partnerId, int rowVersion, CancellationToken cancellationToken = default) =>
        ChangeStageAsync(actor, partnerId, rowVersion, AuditAction.RegressionConfirmed, reason: null,
            partner => partner.ConfirmRegression(Today), cancellationToken);

    public Task DismissRegressionAsync(Actor actor, int partnerId, int rowVersion, CancellationToken cancellationToken = default) =>
        ChangeStageAsync(actor, partnerId, rowVersion, AuditAction.RegressionDismissed, reason: null,
            partner => partner.DismissRegression(Today), cancellationToken);

    public Task OverrideAsync(Actor actor, int partnerId, Stage stage, string reason, int rowVersion, CancellationToken cancellationToken = default) =>
        ChangeStageAsync(actor, partnerId, rowVersion, AuditAction.Overridden, reason.Trim(),
            partner => partner.Override(stage, reason, Today), cancellationToken);

    private async Task ChangeStageAsync(Actor actor, int partnerId, int rowVersion, AuditAction action, string? reason,
        Func<Partner, StageUpdate> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, partnerId, rowVersion, cancellationToken);
        var before = StageSnapshot(partner);
        var pending = partner.PendingRegression;
        var update = change(partner);
        db.ClaimRowVersion(partner);
        AddStageChange(db, partner, update.Change, Today, assessmentId: null, actor, reason);
        if (update.Outcome == StageOutcome.RegressionDismissed && pending is { } dismissed)
        {
            // Kept, so that replaying the history (voiding a check-in) does not bring it back.
            db.RegressionDismissals.Add(new RegressionDismissal(partner.Id, dismissed, Today, actor.UserId, Now));
        }

        db.Audit(Now, actor, action, EntityType, partner.Id, $"{Describe(update.Outcome)} for {partner.Name}.", before, StageSnapshot(partner));
        await db.SaveOrRefuseConflictAsync(cancellationToken);
    }

    // Voiding takes a check-in out of the partner's history; the partner's stage becomes what
    // replaying the rest gives (StageReplay), read inside the same transaction as the write.
    public async Task VoidAsync(Actor actor, int assessmentId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
            ?? throw new NotFoundException("This assessment does not exist.");
        var partner = await db.LoadPartnerToChangeAsync(actor, assessment.PartnerId, rowVersion: null, cancellationToken);
        var before = StageSnapshot(partner);
        assessment.Void(reason, actor.UserId, Now);

        var remaining = await db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partner.Id && a.VoidedAtUtc == null && a.Id != assessment.Id)
            .OrderBy(a => a.AssessedOn).ThenBy(a => a.Id)
            .Select(a => new { a.RecordedAtUtc, a.AssessedOn, a.Verdict.Stage, a.Verdict.MaturityIndex, a.Verdict.Momentum })
            .ToListAsync(cancellationToken);
        var decisions = await db.StageChanges.AsNoTracking()
            .Where(c => c.PartnerId == partner.Id && c.AssessmentId == null
                && (c.Cause == StageChangeCause.Override || c.Cause == StageChangeCause.ConfirmedRegression))
            .Select(c => new { c.RecordedAtUtc, c.To, c.Cause, c.Reason })
            .ToListAsync(cancellationToken);
        var dismissals = await db.RegressionDismissals.AsNoTracking().Where(d => d.PartnerId == partner.Id)
            .Select(d => new DismissalEvent(d.RecordedAtUtc, d.Dismissed))
            .ToListAsync(cancellationToken);
        var history = remaining.Select(a => (StageEvent)new VerdictEvent(a.RecordedAtUtc, a.Stage))
            .Concat(decisions.Select(c => c.Cause == StageChangeCause.Override
                ? (StageEvent)new OverrideEvent(c.RecordedAtUtc, c.To, c.Reason ?? "Override")
                : new ConfirmationEvent(c.RecordedAtUtc, c.To)))
            .Concat(dismissals);

        var standing = remaining.Select(a => new StandingCheckIn(a.AssessedOn, a.Stage, a.MaturityIndex, a.Momentum)).ToList();
        if (partner.Restate(StageReplay.Replay(history), standing, Today) is { } moved)
        {
            db.StageChanges.Add(new StageChange(partner.Id, moved.From, moved.To, Today, moved.Cause, assessment.Id, actor.UserId, reason, Now));
        }

        db.ClaimRowVersion(partner);
        db.Audit(Now, actor, AuditAction.Voided, "Assessment", assessment.Id,
            $"Voided the {assessment.AssessedOn:yyyy-MM-dd} assessment of {partner.Name}: {reason.Trim()}", before, StageSnapshot(partner));
        await db.SaveOrRefuseConflictAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The partner page reads this with the partner on one context (PartnerService.GetPageAsync); the API reads it alone.
    public async Task<PartnerTimeline> GetTimelineAsync(int partnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await db.ReadPartnerTimelineAsync(partnerId, ruleSets, cancellationToken);
    }

    private async Task<AssessmentContext> BuildContextAsync(PartnerStagesDbContext db, Partner partner, CancellationToken cancellationToken)
    {
        // The form starts from the latest check-in's inputs.
        var lastInputs = (await db.LatestStandingCheckInAsync(partner.Id, cancellationToken))?.Inputs;
        return new AssessmentContext(partner.Id, partner.Name, partner.JoinedProgrammeOn, partner.CurrentStage, partner.LatestVerdictStage,
            partner.PeakVerdictStage, partner.LatestMaturityIndex, partner.LastAssessedOn, lastInputs,
            await ruleSets.GetActiveAsync(cancellationToken), partner.RowVersion, partner.OwnerId, partner.IsArchived, partner.PendingRegression);
    }

    private void AddStageChange(PartnerStagesDbContext db, Partner partner, StageTransition? change, DateOnly on,
        int? assessmentId, Actor actor, string? reason)
    {
        if (change is not null)
        {
            db.StageChanges.Add(new StageChange(partner.Id, change.From, change.To, on, change.Cause, assessmentId, actor.UserId, reason, Now));
        }
    }

    private static object StageSnapshot(Partner p) => new { p.CurrentStage, p.PendingRegression, p.OverrideReason, p.LastAssessedOn };

    private static string Describe(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Started => "first stage",
        StageOutcome.Unchanged => "stage unchanged",
        StageOutcome.Improved => "improved",
        StageOutcome.RegressionPending => "regression pending confirmation",
        StageOutcome.RegressionConfirmedByRepeat => "regression confirmed by a repeated verdict",
        StageOutcome.RegressionConfirmed => "Regression confirmed",
        StageOutcome.RegressionDismissed => "Regression dismissed",
        StageOutcome.Overridden => "Stage overridden",
        _ => outcome.ToString(),
    };
}
