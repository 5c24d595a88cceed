using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Assessments;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Assessments;

// A partner's check-ins, stage changes and the latest "why", read on the context given: AssessmentService
// reads the timeline alone (GetTimelineAsync), PartnerService with the partner on one context (GetPageAsync).
internal static class PartnerTimelineQueries
{
    public static async Task<PartnerTimeline> ReadPartnerTimelineAsync(this PartnerStagesDbContext db, int partnerId, RuleSetStore ruleSets,
        CancellationToken cancellationToken)
    {
        var assessments = await CheckInRows.For(db)(db, partnerId).ToListAsync(cancellationToken);
        var changes = await StageChangeRows.For(db)(db, partnerId).ToListAsync(cancellationToken);
        var latest = await db.LatestStandingCheckInAsync(partnerId, cancellationToken);
        // The explanation is not stored: the rules give it again from the check-in's inputs and rule set.
        var why = latest is null ? null : latest.Explain(await ruleSets.GetVersionAsync(latest.Verdict.RuleSetVersion, cancellationToken));
        return new PartnerTimeline(assessments, changes, why);
    }

    // The check-in the partner's stage stands on: the latest one not voided (one row, by the (partner, date) index).
    public static Task<Assessment?> LatestStandingCheckInAsync(this PartnerStagesDbContext db, int partnerId, CancellationToken cancellationToken) =>
        LatestStanding.For(db)(db, partnerId, cancellationToken);

    // Compiled once: EF otherwise rebuilds and looks up each query's expression tree on every call, which
    // cost more than the statement itself (about 90 µs of the 140 µs of one row).
    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, IAsyncEnumerable<AssessmentRow>>> CheckInRows = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int partnerId) => db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partnerId)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Join(db.Users, a => a.AssessorId, u => u.Id, (a, u) => new AssessmentRow(a.Id, a.AssessedOn, u.DisplayName,
                a.Verdict.Stage, a.Verdict.MaturityIndex, a.Verdict.Momentum, a.Evidence, a.VoidedAtUtc != null, a.VoidReason, a.Verdict.RuleSetVersion))));

    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, IAsyncEnumerable<StageChangeRow>>> StageChangeRows = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int partnerId) =>
            from c in db.StageChanges.AsNoTracking().Where(c => c.PartnerId == partnerId)
            join u in db.Users on c.ChangedById equals u.Id
            join a in db.Assessments on c.AssessmentId equals (int?)a.Id into behind
            from a in behind.DefaultIfEmpty()
            orderby c.RecordedAtUtc descending, c.Id descending
            select new StageChangeRow(c.Id, c.ChangedOn, c.From, c.To, c.Cause, c.Reason, u.DisplayName,
                c.Cause == StageChangeCause.Rules && a != null ? a.Verdict.RuleSetVersion : null)));

    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, CancellationToken, Task<Assessment?>>> LatestStanding = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int partnerId, CancellationToken _) => db.Assessments.AsNoTracking()
            .Where(a => a.PartnerId == partnerId && a.VoidedAtUtc == null)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .FirstOrDefault()));
}
