using Microsoft.EntityFrameworkCore;
using PartnerStages.Data.Partners;

namespace PartnerStages.Data.Import;

// CSV export for everyone who can read partners: the partner list as filtered (every page), and
// the assessment history. Rows stream from the database straight into the response.
public sealed class CsvExportService(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    public async Task WritePartnersAsync(PartnerQuery query, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // In the list's order, so the file reads like the list it was exported from.
        var rows = from r in db.ListedPartners(query, today)
                   join u in db.Users on r.Partner.OwnerId equals u.Id
                   select new PartnerExportRow(r.Partner.Name, r.Partner.Region, r.Partner.SolutionArea, r.Partner.ProgrammeLevel,
                       r.Partner.JoinedProgrammeOn, u.Email ?? "", r.Partner.Notes, r.Partner.IsArchived, r.Partner.CurrentStage,
                       r.Partner.LastAssessedOn);
        await PartnerCsv.WriteAsync(stream, rows.AsAsyncEnumerable(), cancellationToken);
    }

    // Voided assessments are left out: they are not part of the partner's history.
    public async Task WriteAssessmentsAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = from a in db.Assessments.AsNoTracking()
                   where a.VoidedAtUtc == null
                   join p in db.Partners on a.PartnerId equals p.Id
                   orderby p.NormalizedName, a.AssessedOn, a.Id
                   select new AssessmentExportRow(p.Name, a.AssessedOn, a.Inputs, a.Evidence, a.Verdict.Stage);
        await AssessmentCsv.WriteAsync(stream, rows.AsAsyncEnumerable(), cancellationToken);
    }

    public static Task WriteTemplateAsync(ImportKind kind, Stream stream, CancellationToken cancellationToken = default) =>
        kind == ImportKind.Partners
            ? PartnerCsv.WriteTemplateAsync(stream, cancellationToken)
            : AssessmentCsv.WriteTemplateAsync(stream, cancellationToken);
}
