using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// Partners' recorded histories as the rules lab replays them (HistoryReplay): standing check-ins,
// every stage change and every dismissal. Set-based reads, grouped in memory, so a backtest reads the
// portfolio once.
internal static class PartnerRecords
{
    public static async Task<List<PartnerRecord>> LoadAsync(PartnerStagesDbContext db, IReadOnlyList<int>? partnerIds,
        CancellationToken cancellationToken)
    {
        var partners = db.Partners.AsNoTracking().Where(p => !p.IsArchived);
        if (partnerIds is not null)
        {
            partners = partners.Where(p => partnerIds.Contains(p.Id));
        }

        // Plain columns, not `new RecordedCheckIn(...)` in the query: a constructor there made EF read
        // every column of the row (evidence text included) and build the entity first, 2.3 KB a check-in.
        var rows = await (
            from p in partners
            join a in db.Assessments.AsNoTracking() on p.Id equals a.PartnerId
            where a.VoidedAtUtc == null
            orderby a.PartnerId, a.AssessedOn, a.Id
            select new
            {
                a.PartnerId,
                a.Id,
                a.AssessedOn,
                a.RecordedAtUtc,
                a.Inputs,
                a.History.TenureMonths,
                a.Verdict.Stage,
                a.Verdict.RuleSetVersion,
            }).ToListAsync(cancellationToken);
        var changes = await (
            from p in partners
            join c in db.StageChanges.AsNoTracking() on p.Id equals c.PartnerId
            orderby c.RecordedAtUtc, c.Id
            select new { c.PartnerId, c.ChangedOn, c.RecordedAtUtc, c.From, c.To, c.Cause, c.Reason, c.AssessmentId })
            .ToListAsync(cancellationToken);
        var dismissals = await (
            from p in partners
            join d in db.RegressionDismissals.AsNoTracking() on p.Id equals d.PartnerId
            orderby d.RecordedAtUtc, d.Id
            select new { d.PartnerId, d.DismissedOn, d.RecordedAtUtc, d.Dismissed })
            .ToListAsync(cancellationToken);
        var ids = await partners.Select(p => p.Id).ToListAsync(cancellationToken);

        var checkInsOf = rows.ToLookup(r => r.PartnerId,
            r => new RecordedCheckIn(r.Id, r.AssessedOn, r.RecordedAtUtc, r.Inputs, r.TenureMonths, r.Stage, r.RuleSetVersion));
        var changesOf = changes.ToLookup(c => c.PartnerId,
            c => new RecordedChange(c.ChangedOn, c.RecordedAtUtc, c.From, c.To, c.Cause, c.Reason, c.AssessmentId));
        var dismissalsOf = dismissals.ToLookup(d => d.PartnerId, d => new RecordedDismissal(d.DismissedOn, d.RecordedAtUtc, d.Dismissed));
        return [.. ids.Select(id => new PartnerRecord(id, [.. checkInsOf[id]], [.. changesOf[id]], [.. dismissalsOf[id]]))];
    }
}
