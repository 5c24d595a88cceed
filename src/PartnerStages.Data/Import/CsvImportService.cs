using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Bulk;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Import;

// CSV import for administrators: a preview that lists every problem row by row, then a commit that
// checks the file again and lands all of it or nothing, in one transaction. A check-in file is checked
// and judged before that transaction begins, and a large one (up to 250,000 rows) is staged outside
// the database's write lock too, so the transaction that lands it is short and other users' saves do
// not wait out the busy timeout (issue 12).
public sealed class CsvImportService(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore ruleSets, TimeProvider clock,
    ILogger<CsvImportService> logger)
{
    private const int Batch = 500;
    private const int DirectWriteLimit = 20_000;

    public Task<ImportReport> PreviewAsync(Actor actor, ImportKind kind, byte[] content, ExistingPartnerChoice existing,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(actor, kind, content, existing, commit: false, progress, cancellationToken);

    // Returns the report; Committed says whether anything landed (a file with problems lands nothing).
    public Task<ImportReport> ImportAsync(Actor actor, ImportKind kind, byte[] content, ExistingPartnerChoice existing,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(actor, kind, content, existing, commit: true, progress, cancellationToken);

    private async Task<ImportReport> RunAsync(Actor actor, ImportKind kind, byte[] content, ExistingPartnerChoice existing, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can import CSV files.");
        }

        var (body, problem) = CsvFormat.Decode(content);
        if (problem is not null)
        {
            return ImportReport.Failed(kind, problem);
        }

        try
        {
            return await CheckAsync(actor, kind, body, existing, commit, progress, cancellationToken);
        }
        catch (DbUpdateConcurrencyException e) when (commit)
        {
            logger.LogWarning(e, "A partner changed while its {Kind} were being imported; nothing was imported.", kind);
            return ImportReport.Failed(kind, new ImportProblem(0, "",
                "Someone changed one of the file's partners while it was being imported, so nothing was imported. Import the file again."));
        }
        catch (Exception e) when (commit && e is DbException or DbUpdateException)
        {
            // The transaction has rolled back by now: say so, rather than end the administrator's session.
            logger.LogError(e, "The CSV import of {Kind} failed while writing; nothing was imported.", kind);
            return ImportReport.Failed(kind, new ImportProblem(0, "",
                "The database refused the import, so nothing was imported. Try again; if it fails again, the application log has the details."));
        }
    }

    private async Task<ImportReport> CheckAsync(Actor actor, ImportKind kind, ReadOnlyMemory<byte> body, ExistingPartnerChoice existing, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var problems = new ProblemList();
        progress?.Report(new ImportProgress("Checking", 0));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var report = kind == ImportKind.Partners
            ? await PartnersAsync(db, actor, body, existing, problems, commit, progress, cancellationToken)
            : await AssessmentsAsync(db, actor, body, problems, commit, progress, cancellationToken);
        if (report.Committed)
        {
            await db.CheckpointAsync(cancellationToken);
        }

        progress?.Report(new ImportProgress(report.Committed ? "Done" : "Checked", 1));
        return report;
    }

    private async Task<ImportReport> PartnersAsync(PartnerStagesDbContext db, Actor actor, ReadOnlyMemory<byte> body,
        ExistingPartnerChoice existing, ProblemList problems, bool commit, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // A partner file is at most 20,000 rows: its checks against the database run inside the
        // transaction that writes, so nothing can change between what was checked and what lands.
        await using var transaction = commit ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var lines = new List<PartnerLine>();
        var owners = await OwnersByEmailAsync(db, cancellationToken);
        var seen = new Dictionary<string, int>();
        var rows = 0;
        foreach (var row in CsvSheet.Read(body, ImportKind.Partners, PartnerCsv.Required, PartnerCsv.Optional, problems, progress))
        {
            rows++;
            var name = CsvFormat.Unguard(row.Raw(PartnerCsv.Name));
            if (name.Length > 0 && !seen.TryAdd(Partner.Normalize(name), row.Number))
            {
                row.Problem(PartnerCsv.Name, $"\"{name}\" is already in row {seen[Partner.Normalize(name)]}: each partner may appear once.");
            }

            // Checked on every row, even one with other problems, so the report lists everything at once.
            var email = CsvFormat.Unguard(row.Raw(PartnerCsv.OwnerEmail));
            if (email.Length > 0 && !owners.ContainsKey(email.ToUpperInvariant()))
            {
                row.Problem(PartnerCsv.OwnerEmail, $"No channel manager or administrator has the email \"{email}\": create the user first or use another owner.");
            }

            if (PartnerCsv.Parse(row) is { } line)
            {
                lines.Add(line);
            }
        }

        var names = await db.Partners.AsNoTracking().Select(p => new { p.Id, p.NormalizedName }).ToDictionaryAsync(p => p.NormalizedName, p => p.Id, cancellationToken);
        var matched = lines.Where(l => names.ContainsKey(l.NormalizedName)).ToList();
        var report = new ImportReport(ImportKind.Partners, rows, problems.Listed, problems.More)
        {
            NewPartners = lines.Count - matched.Count,
            UpdatedPartners = existing == ExistingPartnerChoice.Update ? matched.Count : 0,
            SkippedPartners = existing == ExistingPartnerChoice.Skip ? matched.Count : 0,
        };
        if (!commit || !report.CanImport)
        {
            return report;
        }

        var now = Now;
        var today = DateOnly.FromDateTime(now);

        // A region spelt in another case of one already there (or of one earlier in the file) is that one.
        var regions = await db.Partners.Select(p => p.Region).Distinct().ToListAsync(cancellationToken);
        string Region(string typed)
        {
            var region = Regions.AsKnown(typed, regions);
            if (!regions.Contains(region, StringComparer.Ordinal))
            {
                regions.Add(region);
            }

            return region;
        }

        await using var newPartners = new BulkInsert<Partner>(db);
        await using var changedPartners = new BulkUpdate<Partner>(db);
        var done = 0;
        foreach (var chunk in lines.Chunk(Batch))
        {
            var ids = chunk.Where(l => names.ContainsKey(l.NormalizedName)).Select(l => names[l.NormalizedName]).ToList();
            var toUpdate = existing == ExistingPartnerChoice.Update && ids.Count > 0
                ? await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.NormalizedName, cancellationToken)
                : [];
            foreach (var line in chunk)
            {
                var ownerId = owners[line.OwnerEmail.ToUpperInvariant()];
                var region = Region(line.Region);
                if (!names.ContainsKey(line.NormalizedName))
                {
                    var partner = new Partner(line.Name, region, line.SolutionArea, line.ProgrammeLevel, line.JoinedProgrammeOn, ownerId, addedOn: today);
                    partner.UpdateDetails(region, line.SolutionArea, line.ProgrammeLevel, line.JoinedProgrammeOn, line.Notes);
                    if (line.Archived)
                    {
                        partner.Archive(today);
                    }

                    await newPartners.AddAsync(partner, cancellationToken);
                }
                else if (toUpdate.TryGetValue(line.NormalizedName, out var partner))
                {
                    changedPartners.Remember(partner);
                    partner.Rename(line.Name);
                    partner.UpdateDetails(region, line.SolutionArea, line.ProgrammeLevel, line.JoinedProgrammeOn, line.Notes);
                    partner.AssignOwner(ownerId);
                    if (line.Archived && !partner.IsArchived)
                    {
                        partner.Archive(today);
                    }
                    else if (!line.Archived && partner.IsArchived)
                    {
                        partner.Restore();
                    }

                    // A row the file does not change is left alone, its row version too.
                    await changedPartners.UpdateAsync(partner, cancellationToken: cancellationToken);
                }
            }

            done += chunk.Length;
            progress?.Report(new ImportProgress("Writing", (double)done / lines.Count));
        }

        await newPartners.FlushAsync(cancellationToken);
        await changedPartners.FlushAsync(cancellationToken);
        db.Audit(now, actor, AuditAction.Imported, "Partner", null,
            $"Imported {lines.Count} partners from CSV: {report.NewPartners} new, {report.UpdatedPartners} updated, {report.SkippedPartners} skipped.",
            after: new { report.NewPartners, report.UpdatedPartners, report.SkippedPartners });
        db.NoteBulkPortfolioChange();
        await db.SaveChangesAsync(cancellationToken);
        await transaction!.CommitAsync(cancellationToken);
        return report with { Committed = true };
    }

    private async Task<ImportReport> AssessmentsAsync(PartnerStagesDbContext db, Actor actor, ReadOnlyMemory<byte> body,
        ProblemList problems, bool commit, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var lines = new List<AssessmentLine>();
        var rows = 0;
        foreach (var row in CsvSheet.Read(body, ImportKind.Assessments, AssessmentCsv.Required, AssessmentCsv.Optional, problems, progress))
        {
            rows++;
            if (AssessmentCsv.Parse(row) is { } line)
            {
                lines.Add(line);
            }
        }

        // Checked and judged on what the database holds now, without the write lock; the write at the
        // end lands only if none of these partners has changed since (their row versions).
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.NormalizedName, cancellationToken);
        var byPartner = new Dictionary<Partner, List<AssessmentLine>>();
        foreach (var line in lines)
        {
            if (!partners.TryGetValue(Partner.Normalize(line.PartnerName), out var partner))
            {
                problems.Add(line.Row, AssessmentCsv.PartnerName, $"No partner is named \"{line.PartnerName}\": import the partner first.");
            }
            else if (CheckInRules.DateProblem(line.AssessedOn, partner.LastAssessedOn, today) is { } dateProblem)
            {
                problems.Add(line.Row, AssessmentCsv.AssessedOn, dateProblem);
            }
            else
            {
                (byPartner.TryGetValue(partner, out var list) ? list : byPartner[partner] = []).Add(line);
            }
        }

        var report = new ImportReport(ImportKind.Assessments, rows, problems.Listed, problems.More)
        {
            Assessments = lines.Count,
            AssessedPartners = byPartner.Count,
        };
        if (!commit || !report.CanImport)
        {
            return report;
        }

        await using var assessedPartners = new BulkUpdate<Partner>(db);
        foreach (var partner in byPartner.Keys)
        {
            assessedPartners.Remember(partner);
        }

        var rules = await ruleSets.GetActiveAsync(cancellationToken);
        var done = 0;
        async Task JudgeAsync(AssessmentBulkWriter writer)
        {
            foreach (var (partner, checkIns) in byPartner)
            {
                // Date order per partner, keeping the file's order for check-ins on the same day; each
                // is judged on the partner row as the one before left it, as a recorded check-in is.
                foreach (var line in checkIns.Count == 1 ? (IEnumerable<AssessmentLine>)checkIns : checkIns.OrderBy(l => l.AssessedOn).ThenBy(l => l.Row))
                {
                    var history = partner.HistoryOn(line.AssessedOn);
                    var verdict = StageClassifier.Judge(line.Inputs, history, rules);
                    var update = partner.RecordVerdict(verdict, line.AssessedOn);
                    await writer.AddAsync(new Assessment(partner.Id, actor.UserId, line.Inputs, line.Evidence, history, verdict, now),
                        update.Change, cancellationToken);
                    if (++done % Batch == 0)
                    {
                        progress?.Report(new ImportProgress("Writing", (double)done / lines.Count));
                    }
                }
            }
        }

        // A month's file (up to DirectWriteLimit check-ins) is written straight inside the write
        // transaction, which then stays under about a second; a larger one is staged first, so the
        // transaction only copies it in. Either way a partner row changed since the check fails it whole.
        // The staging is SQLite's (TEMP tables beside its one writer); PostgreSQL's writers do not wait for each other.
        await using var staging = lines.Count > DirectWriteLimit && db.Database.IsSqlite() ? await CheckInStaging.BeginAsync(db, cancellationToken) : null;
        if (staging is not null)
        {
            await JudgeAsync(staging.Writer);
            await staging.EndWritingAsync(cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (staging is null)
        {
            await using var writer = new AssessmentBulkWriter(db);
            await JudgeAsync(writer);
            await writer.FlushAsync(cancellationToken);
        }

        // Claimed even if a partner's standing came out the same: its check-ins were judged on it.
        foreach (var partner in byPartner.Keys)
        {
            await assessedPartners.UpdateAsync(partner, claim: true, cancellationToken);
        }

        await assessedPartners.FlushAsync(cancellationToken);

        if (staging is not null)
        {
            await staging.PublishAsync(cancellationToken);
        }

        db.Audit(now, actor, AuditAction.Imported, "Assessment", null,
            $"Imported {lines.Count} assessments for {byPartner.Count} partners from CSV.",
            after: new { report.Assessments, report.AssessedPartners });
        db.NoteBulkPortfolioChange();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report with { Committed = true };
    }

    private static async Task<Dictionary<string, string>> OwnersByEmailAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        string[] ownerRoles = [Roles.ChannelManager, Roles.Administrator];
        var owners = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && ownerRoles.Contains(r.Name!))))
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(cancellationToken);
        return owners.GroupBy(o => o.Email!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().Id);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
