using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Assessments;

// One check-in through the rules service and the regression policy, and how its outcome lands on
// the partner. Recording, the sample portfolio and the CSV import all go through here, so a stage
// means the same thing whichever way an assessment arrived.
public static class AssessmentRecording
{
    public static (Verdict Verdict, StageUpdate Update) Judge(AssessmentInputs inputs, PartnerHistory history, StageStatus? status,
        RuleSet rules)
    {
        var verdict = StageClassifier.Explain(inputs, history, rules);
        var update = status is null ? StageStatus.Start(verdict.Stage) : status.Apply(verdict.Stage);
        return (verdict, update);
    }

    public static AssessmentVerdict ToStored(Verdict verdict) => new()
    {
        Stage = verdict.Stage,
        RuleSetVersion = verdict.RuleSetVersion,
        MaturityIndex = verdict.MaturityIndex,
        Momentum = verdict.Momentum,
        ExplanationJson = verdict.ToJson(),
    };

    // Null for a partner not yet assessed: its first verdict starts the status.
    public static StageStatus? StatusOf(Partner partner) => partner.CurrentStage is { } current
        ? new StageStatus(current, partner.PendingRegression,
            partner.OverrideReason is { } reason ? new StageOverride(current, reason) : null)
        : null;

    public static void ApplyStatus(Partner partner, StageStatus status, DateOnly on) =>
        partner.RecordStage(status.Current, on, status.Pending, status.Override?.Reason);

    // What the rules remember of a partner's past verdicts (voided ones do not count).
    public static async Task<VerdictMemory> RememberAsync(PartnerStagesDbContext db, int partnerId, CancellationToken cancellationToken)
    {
        var verdicts = db.Assessments.AsNoTracking().Where(a => a.PartnerId == partnerId && a.VoidedAtUtc == null);
        var last = await verdicts
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Select(a => new { a.Verdict.Stage, a.Verdict.MaturityIndex, a.Inputs })
            .FirstOrDefaultAsync(cancellationToken);
        var stagesSeen = await verdicts.Select(a => a.Verdict.Stage).Distinct().ToListAsync(cancellationToken);
        Stage? peak = stagesSeen.Count == 0 ? null : stagesSeen.MaxBy(s => s.HealthRank());
        return new VerdictMemory(last?.Stage, peak, last?.MaturityIndex, last?.Inputs);
    }
}

public sealed record VerdictMemory(Stage? LastStage, Stage? PeakStage, double? LastMaturityIndex, AssessmentInputs? LastInputs)
{
    public PartnerHistory HistoryOn(DateOnly joinedOn, DateOnly assessedOn) =>
        new(assessedOn, joinedOn, LastStage, PeakStage, LastMaturityIndex);
}
