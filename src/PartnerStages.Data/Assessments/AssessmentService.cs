using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Assessments;

public sealed class AssessmentService(
    IDbContextFactory<PartnerStagesDbContext> contextFactory,
    RuleSetStore ruleSets,
    TimeProvider clock)
{
    private const string EntityType = "Partner";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<AssessmentContext> GetContextAsync(int partnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw new NotFoundException("This partner does not exist any more.");
        return await BuildContextAsync(db, partner, cancellationToken);
    }

    public async Task<RecordedAssessment> RecordAsync(Actor actor, int partnerId, AssessmentInputs inputs, DateOnly assessedOn,
        string? evidence, int partnerRowVersion, CancellationToken cancellationToken = default)
    {
        if (AssessmentValidation.Validate(inputs) is [var first, ..])
        {
            throw new DomainException(first.Field, first.Message);
        }

        if (evidence?.Length > Assessment.EvidenceMaxLength)
        {
            throw new DomainException(nameof(Assessment.Evidence), $"Evidence must be at most {Assessment.EvidenceMaxLength} characters.");
        }

        if (assessedOn > Today)
        {
            throw new DomainException(nameof(Assessment.AssessedOn), "The assessment date cannot be in the future.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerService.LoadForChangeAsync(db, actor, partnerId, partnerRowVersion, cancellationToken);
        if (partner.IsArchived)
        {
            throw new DomainException(nameof(Assessment.AssessedOn), "This partner is archived: restore it before assessing it.");
        }

        if (partner.LastAssessedOn is { } last && assessedOn < last)
        {
            throw new DomainException(nameof(Assessment.AssessedOn),
                $"The assessment date must be on or after the latest assessment ({last:yyyy-MM-dd}).");
        }

        var context = await BuildContextAsync(db, partner, cancellationToken);
        var (verdict, update) = AssessmentRecording.Judge(inputs, context.HistoryOn(assessedOn), AssessmentRecording.StatusOf(partner), context.Rules);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = new Assessment(partner.Id, assessedOn, actor.UserId, inputs, evidence, AssessmentRecording.ToStored(verdict), Now);
        db.Assessments.Add(assessment);
        var before = StageSnapshot(partner);
        partner.MarkAssessed(assessedOn, verdict.Momentum);
        AssessmentRecording.ApplyStatus(partner, update.Status, assessedOn);
        await PartnerService.SaveAsync(db, cancellationToken);

        AddStageChange(db, partner, update.Change, assessedOn, assessment.Id, actor, reason: null);
        db.Audit(Now, actor, AuditAction.Assessed, EntityType, partner.Id,
            $"Assessed {partner.Name} on {assessedOn:yyyy-MM-dd}: the rules say {verdict.Stage.DisplayName()} ({Describe(update.Outcome)}).",
            before, StageSnapshot(partner));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new RecordedAssessment(assessment.Id, verdict, update.Outcome, update.Status.Current, update.Status.Pending);
    }

    public Task ConfirmRegressionAsync(Actor actor, int partnerId, int rowVersion, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(actor, partnerId, rowVersion, AuditAction.RegressionConfirmed, reason: null, status =>
            status.Pending is null
                ? throw new DomainException("PendingRegression", "There is no pending regression to confirm.")
                : status.ConfirmPending(), cancellationToken);

    public Task DismissRegressionAsync(Actor actor, int partnerId, int rowVersion, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(actor, partnerId, rowVersion, AuditAction.RegressionDismissed, reason: null, status =>
            status.Pending is null
                ? throw new DomainException("PendingRegression", "There is no pending regression to dismiss.")
                : status.DismissPending(), cancellationToken);

    public Task OverrideAsync(Actor actor, int partnerId, Stage stage, string reason, int rowVersion, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new DomainException("Reason", "Write why you are overriding the rules' verdict.")
            : ChangeStatusAsync(actor, partnerId, rowVersion, AuditAction.Overridden, reason.Trim(),
                status => status.OverrideWith(stage, reason), cancellationToken);

    private async Task ChangeStatusAsync(Actor actor, int partnerId, int rowVersion, AuditAction action, string? reason,
        Func<StageStatus, StageUpdate> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await PartnerService.LoadForChangeAsync(db, actor, partnerId, rowVersion, cancellationToken);
        if (partner.CurrentStage is null)
        {
            throw new DomainException("Stage", "This partner has no stage yet: record an assessment first.");
        }

        var before = StageSnapshot(partner);
        var update = change(StatusOf(partner));
        AssessmentRecording.ApplyStatus(partner, update.Status, Today);
        AddStageChange(db, partner, update.Change, Today, assessmentId: null, actor, reason);
        db.Audit(Now, actor, action, EntityType, partner.Id, $"{Describe(update.Outcome)} for {partner.Name}.", before, StageSnapshot(partner));
        await PartnerService.SaveAsync(db, cancellationToken);
    }

    // Voiding takes an assessment out of the partner's history and recomputes the current stage by
    // replaying what is left: the remaining verdicts, overrides and confirmations, in the order
    // they were recorded. (A dismissed regression is not stored, so a replay may show it pending again.)
    public async Task VoidAsync(Actor actor, int assessmentId, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
            ?? throw new NotFoundException("This assessment does not exist.");
        var partner = await PartnerService.LoadForChangeAsync(db, actor, assessment.PartnerId, rowVersion: null, cancellationToken);
        var before = StageSnapshot(partner);
        assessment.Void(reason, actor.UserId, Now);

        var remaining = await db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partner.Id && a.VoidedAtUtc == null && a.Id != assessment.Id)
            .Select(a => new { a.Id, a.AssessedOn, a.RecordedAtUtc, a.Verdict.Stage, a.Verdict.Momentum })
            .ToListAsync(cancellationToken);
        var manual = await db.StageChanges.AsNoTracking()
            .Where(c => c.PartnerId == partner.Id && c.AssessmentId == null
                && (c.Cause == StageChangeCause.Override || c.Cause == StageChangeCause.ConfirmedRegression))
            .Select(c => new { c.RecordedAtUtc, c.To, c.Cause, c.Reason })
            .ToListAsync(cancellationToken);

        StageStatus? status = null;
        var events = remaining.Select(a => (a.RecordedAtUtc, Order: 0, Apply: (Func<StageStatus?, StageStatus?>)(s =>
                s is null ? StageStatus.Start(a.Stage).Status : s.Apply(a.Stage).Status)))
            .Concat(manual.Select(c => (c.RecordedAtUtc, Order: 1, Apply: (Func<StageStatus?, StageStatus?>)(s =>
                s is null ? null
                : c.Cause == StageChangeCause.Override ? s.OverrideWith(c.To, c.Reason ?? "Override").Status
                : s.Pending == c.To ? s.ConfirmPending().Status : s))))
            .OrderBy(e => e.RecordedAtUtc).ThenBy(e => e.Order);
        foreach (var e in events)
        {
            status = e.Apply(status);
        }

        var newest = remaining.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefault();
        partner.MarkAssessed(newest?.AssessedOn, newest?.Momentum);
        var from = partner.CurrentStage;
        if (status is null)
        {
            partner.ClearStage();
        }
        else
        {
            AssessmentRecording.ApplyStatus(partner, status, Today);
        }

        if (partner.CurrentStage is { } to && to != from)
        {
            db.StageChanges.Add(new StageChange(partner.Id, from, to, Today, StageChangeCause.Voided, assessment.Id, actor.UserId, reason, Now));
        }

        db.Audit(Now, actor, AuditAction.Voided, "Assessment", assessment.Id,
            $"Voided the {assessment.AssessedOn:yyyy-MM-dd} assessment of {partner.Name}: {reason.Trim()}", before, StageSnapshot(partner));
        await PartnerService.SaveAsync(db, cancellationToken);
    }

    public async Task<PartnerTimeline> GetTimelineAsync(int partnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partnerId)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Join(db.Users, a => a.AssessorId, u => u.Id, (a, u) => new AssessmentRow(a.Id, a.AssessedOn, u.DisplayName,
                a.Verdict.Stage, a.Verdict.MaturityIndex, a.Verdict.Momentum, a.Evidence, a.VoidedAtUtc != null, a.VoidReason))
            .ToListAsync(cancellationToken);
        var changes = await db.StageChanges.AsNoTracking()
            .Where(c => c.PartnerId == partnerId)
            .OrderByDescending(c => c.RecordedAtUtc).ThenByDescending(c => c.Id)
            .Join(db.Users, c => c.ChangedById, u => u.Id, (c, u) => new StageChangeRow(c.Id, c.ChangedOn, c.From, c.To, c.Cause, c.Reason, u.DisplayName))
            .ToListAsync(cancellationToken);
        var latestJson = await db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partnerId && a.VoidedAtUtc == null)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Select(a => a.Verdict.ExplanationJson)
            .FirstOrDefaultAsync(cancellationToken);
        return new PartnerTimeline(assessments, changes, latestJson is null ? null : Verdict.FromJson(latestJson));
    }

    private async Task<AssessmentContext> BuildContextAsync(PartnerStagesDbContext db, Partner partner, CancellationToken cancellationToken)
    {
        var memory = await AssessmentRecording.RememberAsync(db, partner.Id, cancellationToken);
        return new AssessmentContext(partner.Id, partner.Name, partner.JoinedProgrammeOn, partner.CurrentStage, memory.LastStage,
            memory.PeakStage, memory.LastMaturityIndex, partner.LastAssessedOn, memory.LastInputs,
            await ruleSets.GetActiveAsync(cancellationToken), partner.RowVersion, partner.OwnerId, partner.IsArchived, partner.PendingRegression);
    }

    private static StageStatus StatusOf(Partner partner) =>
        AssessmentRecording.StatusOf(partner) ?? throw new InvalidOperationException("The partner has no stage yet.");

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
