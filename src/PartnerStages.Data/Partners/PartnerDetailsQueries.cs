using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data.Partners;

// A partner with its owner, contacts and sponsors, read on the context given: PartnerService reads it
// alone (GetAsync) and with the timeline on one context (GetPageAsync). Compiled once, as the timeline's
// reads are: EF otherwise rebuilds and looks up each query's expression tree on every call.
internal static class PartnerDetailsQueries
{
    public static async Task<PartnerDetails?> ReadPartnerDetailsAsync(this PartnerStagesDbContext db, int id,
        CancellationToken cancellationToken) =>
        await Details.For(db)(db, id, cancellationToken) is { } details
            ? details with
            {
                VendorContacts = await ContactViews.For(db)(db, id).ToListAsync(cancellationToken),
                Sponsors = await SponsorViews.For(db)(db, id).ToListAsync(cancellationToken),
            }
            : null;

    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, CancellationToken, Task<PartnerDetails?>>> Details = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int id, CancellationToken _) => db.Partners.AsNoTracking()
            .Where(p => p.Id == id)
            .Join(db.Users, p => p.OwnerId, u => u.Id, (p, u) => new PartnerDetails(
                p.Id, p.Name, p.Region, p.SolutionArea, p.ProgrammeLevel, p.JoinedProgrammeOn, p.OwnerId, u.DisplayName,
                p.IsArchived, p.Notes, p.CurrentStage, p.PreviousStage, p.StageSince, p.LastAssessedOn, p.PendingRegression,
                p.OverrideReason, p.RowVersion, Array.Empty<ContactView>(), Array.Empty<SponsorView>()))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, IAsyncEnumerable<ContactView>>> ContactViews = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int partnerId) => db.VendorContacts.AsNoTracking()
            .Where(c => c.PartnerId == partnerId)
            .OrderBy(c => c.Name)
            .Select(c => new ContactView(c.Id, c.Name, c.Role, c.Mandate, c.LastTouchOn, c.RowVersion))));

    private static readonly CompiledQuery<Func<PartnerStagesDbContext, int, IAsyncEnumerable<SponsorView>>> SponsorViews = new(() => EF.CompileAsyncQuery(
        (PartnerStagesDbContext db, int partnerId) => db.PartnerSponsors.AsNoTracking()
            .Where(s => s.PartnerId == partnerId)
            .OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new SponsorView(s.Id, s.Name, s.Kind, s.Email, s.RowVersion))));
}
