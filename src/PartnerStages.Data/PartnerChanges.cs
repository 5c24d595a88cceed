using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data;

// The load-check-save steps of every change to a partner or what hangs off it (details, contacts,
// check-ins, stage decisions), whichever service makes the change.
public static class PartnerChanges
{
    // Loads a partner for a change after checking the actor may change it; with a row version, the
    // save is refused if someone else saved the partner since the user read it.
    public static async Task<Partner> LoadPartnerToChangeAsync(this PartnerStagesDbContext db, Actor actor, int id, int? rowVersion,
        CancellationToken cancellationToken, bool includeContacts = false)
    {
        IQueryable<Partner> partners = includeContacts ? db.Partners.Include(p => p.VendorContacts).Include(p => p.Sponsors) : db.Partners;
        var partner = await partners.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("This partner does not exist any more.");
        if (!actor.CanChange(partner))
        {
            throw new PermissionDeniedException(actor.IsChannelManager
                ? "Only the partner's owner or an administrator can change this partner."
                : "Your role cannot change partners.");
        }

        if (rowVersion is { } version)
        {
            db.Entry(partner).Property(p => p.RowVersion).OriginalValue = version;
            if (partner.RowVersion != version)
            {
                throw Conflict();
            }
        }

        return partner;
    }

    // Saves, turning a row someone else changed in the meantime into the message the user sees.
    public static async Task SaveOrRefuseConflictAsync(this PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    // A change that leaves every column as it was still claims the partner's row version, so two
    // decisions taken on the same reading cannot both land.
    public static void ClaimRowVersion(this PartnerStagesDbContext db, Partner partner) =>
        db.Entry(partner).Property(p => p.RowVersion).IsModified = true;

    private static ConcurrencyConflictException Conflict() => new(
        // Only the fact: each screen says what it kept and what to do next (its reload keeps the input).
        "Someone else saved changes to this partner while you were working on it; nothing of yours was saved.");
}
