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
    public static async Task<VerdictMemory> RememberAsync(PartnerStagesDbContext db, int partnerId, CancellationToken cancellationToken) =>
        (await RememberAsync(db, [partnerId], cancellationToken)).GetValueOrDefault(partnerId, VerdictMemory.None);

    // The same for many partners in two queries (an import's batch); partners never assessed are left out.
    public static async Task<Dictionary<int, VerdictMemory>> RememberAsync(PartnerStagesDbContext db, IReadOnlyCollection<int> partnerIds,
        CancellationToken cancellationToken)
    {
        if (partnerIds.Count == 0)
        {
            return [];
        }

        var verdicts = db.Assessments.AsNoTracking().Where(a => partnerIds.Contains(a.PartnerId) && a.VoidedAtUtc == null);
        var latest = await verdicts
            .Where(a => !db.Assessments.Any(later => later.PartnerId == a.PartnerId && later.VoidedAtUtc == null
                && (later.AssessedOn > a.AssessedOn || (later.AssessedOn == a.AssessedOn && later.Id > a.Id))))
            .Select(a => new { a.PartnerId, a.Verdict.Stage, a.Verdict.MaturityIndex, a.Inputs })
            .ToListAsync(cancellationToken);
        var stagesSeen = (await verdicts.Select(a => new { a.PartnerId, a.Verdict.Stage }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(s => s.PartnerId, s => s.Stage);
        return latest.ToDictionary(l => l.PartnerId,
            l => new VerdictMemory(l.Stage, stagesSeen[l.PartnerId].MaxBy(s => s.HealthRank()), l.MaturityIndex, l.Inputs));
    }
}

public sealed record VerdictMemory(Stage? LastStage, Stage? PeakStage, double? LastMaturityIndex, AssessmentInputs? LastInputs)
{
    public static VerdictMemory None { get; } = new(null, null, null, null);

    public PartnerHistory HistoryOn(DateOnly joinedOn, DateOnly assessedOn) =>
        new(assessedOn, joinedOn, LastStage, PeakStage, LastMaturityIndex);
}
