using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Assessments;

// What the rules remember of a partner's past verdicts for its next check-in (voided ones do not count).
public sealed record VerdictMemory(Stage? LastStage, Stage? PeakStage, double? LastMaturityIndex, AssessmentInputs? LastInputs)
{
    public static VerdictMemory None { get; } = new(null, null, null, null);

    public PartnerHistory HistoryOn(DateOnly joinedOn, DateOnly assessedOn) =>
        new(assessedOn, joinedOn, LastStage, PeakStage, LastMaturityIndex);
}

// Read by recording, the form's context and the import alike, so a check-in is judged the same way
// whichever way it arrives.
public static class VerdictMemoryQueries
{
    public static async Task<VerdictMemory> RememberAsync(this PartnerStagesDbContext db, int partnerId, CancellationToken cancellationToken) =>
        (await db.RememberAsync([partnerId], cancellationToken)).GetValueOrDefault(partnerId, VerdictMemory.None);

    // The same for many partners in two queries (an import's batch); partners never assessed are left out.
    public static async Task<Dictionary<int, VerdictMemory>> RememberAsync(this PartnerStagesDbContext db, IReadOnlyCollection<int> partnerIds,
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
