using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// Partners' recorded histories as the rules lab replays them (HistoryReplay): standing check-ins and
// every stage change. Two set-based reads, grouped in memory, so a backtest reads the portfolio once.
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

        var checkIns = await (
            from p in partners
            join a in db.Assessments.AsNoTracking() on p.Id equals a.PartnerId
            where a.VoidedAtUtc == null
            select new
            {
                a.PartnerId,
                CheckIn = new RecordedCheckIn(a.Id, a.AssessedOn, a.RecordedAtUtc, a.Inputs, a.History.TenureMonths, a.Verdict.Stage,
                    a.Verdict.RuleSetVersion),
            }).ToListAsync(cancellationToken);
        var changes = await (
            from p in partners
            join c in db.StageChanges.AsNoTracking() on p.Id equals c.PartnerId
            orderby c.RecordedAtUtc, c.Id
            select new
            {
                c.PartnerId,
                Change = new RecordedChange(c.ChangedOn, c.RecordedAtUtc, c.From, c.To, c.Cause, c.Reason, c.AssessmentId),
            }).ToListAsync(cancellationToken);
        var ids = await partners.Select(p => p.Id).ToListAsync(cancellationToken);

        var checkInsOf = checkIns.ToLookup(c => c.PartnerId, c => c.CheckIn);
        var changesOf = changes.ToLookup(c => c.PartnerId, c => c.Change);
        return [.. ids.Select(id => new PartnerRecord(id,
            [.. checkInsOf[id].OrderBy(c => c.AssessedOn).ThenBy(c => c.AssessmentId)], [.. changesOf[id]]))];
    }
}
