using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerStages.Core;
using Microsoft.Extensions.Logging;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Assessments;

// The step between the migrations StoreCheckInFacts (which copies the history each check-in was
// judged on out of its stored explanation) and DropVerdictExplanation: every verdict is derived
// again from the new columns and compared with what was stored, and what the rules remember of each
// partner is put on the partner row. Safe to run twice; it writes only the partner rows.
internal static class CheckInFactsUpgrade
{
    public const string CopiedMigration = "StoreCheckInFacts";
    public const string DroppingMigration = "DropVerdictExplanation";
    private const int Batch = 500;

    public static async Task RunAsync(PartnerStagesDbContext db, RuleSetStore ruleSets, ILogger logger, CancellationToken cancellationToken)
    {
        // The schema is the one between two migrations: the change feed comes later.
        db.NotesPortfolioChanges = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await FillHistoryAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var checkedCount = 0;
        var differing = new List<int>();
        await foreach (var assessment in db.Assessments.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var again = assessment.Explain(await ruleSets.GetVersionAsync(assessment.Verdict.RuleSetVersion, cancellationToken));
            checkedCount++;
            if (again.Stage != assessment.Verdict.Stage || again.MaturityIndex != assessment.Verdict.MaturityIndex
                || again.Momentum != assessment.Verdict.Momentum)
            {
                differing.Add(assessment.Id);
            }
        }

        // A check-in that does not derive again keeps the stage, index and momentum it was given:
        // those are the record. Only its explanation is now derived, so the log names it.
        if (differing.Count > 0)
        {
            logger.LogWarning("Upgrading check-ins: {Count} of {Total} stored verdicts do not derive again from their inputs and history " +
                "and keep their stored stage: assessment ids {Ids}", differing.Count, checkedCount, string.Join(", ", differing));
        }
        else
        {
            logger.LogInformation("Upgrading check-ins: all {Total} stored verdicts derive again from their inputs and history.", checkedCount);
        }

        await RememberOnPartnersAsync(db, cancellationToken);
    }

    // What the rules remembered when each check-in was judged: the check-ins recorded before it and
    // not voided by then, the latest of them by date and the healthiest.
    private static async Task FillHistoryAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Assessments.AsNoTracking()
            .OrderBy(a => a.PartnerId).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.PartnerId, a.AssessedOn, a.RecordedAtUtc, a.VoidedAtUtc, a.Verdict.Stage, a.Verdict.MaturityIndex })
            .ToListAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var update = connection.CreateCommand();
        update.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        update.CommandText = """
            UPDATE "Assessments" SET "PreviousStage" = $previous, "PeakStage" = $peak, "PreviousMaturityIndex" = $index WHERE "Id" = $id
            """;
        var previous = Parameter(update, "$previous");
        var peak = Parameter(update, "$peak");
        var index = Parameter(update, "$index");
        var id = Parameter(update, "$id");
        foreach (var partner in all.GroupBy(a => a.PartnerId))
        {
            var checkIns = partner.ToList();
            for (var i = 0; i < checkIns.Count; i++)
            {
                var judged = checkIns[i];
                var known = checkIns.Take(i).Where(c => c.VoidedAtUtc is null || c.VoidedAtUtc > judged.RecordedAtUtc).ToList();
                var latest = known.OrderBy(c => c.AssessedOn).ThenBy(c => c.Id).LastOrDefault();
                previous.Value = (object?)latest?.Stage.ToString() ?? DBNull.Value;
                peak.Value = (object?)known.Select(c => (Stage?)c.Stage).MaxBy(s => s?.HealthRank() ?? -1)?.ToString() ?? DBNull.Value;
                index.Value = (object?)latest?.MaturityIndex ?? DBNull.Value;
                id.Value = judged.Id;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    // Written column by column rather than through loaded partners: this runs between migrations,
    // where the partner table lacks the columns later migrations add to the current model.
    private static async Task RememberOnPartnersAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        var partnerIds = await db.Partners.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var ids in partnerIds.Chunk(Batch))
        {
            var standing = (await db.Assessments.AsNoTracking()
                    .Where(a => ids.Contains(a.PartnerId) && a.VoidedAtUtc == null)
                    .OrderBy(a => a.AssessedOn).ThenBy(a => a.Id)
                    .Select(a => new { a.PartnerId, a.AssessedOn, a.Verdict.Stage, a.Verdict.MaturityIndex, a.Verdict.Momentum })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => a.PartnerId, a => new StandingCheckIn(a.AssessedOn, a.Stage, a.MaturityIndex, a.Momentum));
            foreach (var id in ids)
            {
                var (latest, peak) = Partner.Remembered(standing[id].ToList());
                var (on, momentum, stage, index) = (latest?.AssessedOn, latest?.Momentum, latest?.Stage, latest?.MaturityIndex);
                await db.Partners.Where(p => p.Id == id).ExecuteUpdateAsync(set => set
                    .SetProperty(p => p.LastAssessedOn, on)
                    .SetProperty(p => p.LatestMomentum, momentum)
                    .SetProperty(p => p.LatestVerdictStage, stage)
                    .SetProperty(p => p.LatestMaturityIndex, index)
                    .SetProperty(p => p.PeakVerdictStage, peak), cancellationToken);
            }
        }
    }
}
