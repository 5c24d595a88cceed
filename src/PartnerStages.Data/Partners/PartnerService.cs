using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Partners;

public sealed class PartnerService(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    private const string EntityType = "Partner";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PartnerPage> ListAsync(PartnerQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partners = Filter(db, query, Today);
        var total = await partners.CountAsync(cancellationToken);

        var rows = from p in partners
                   join u in db.Users on p.OwnerId equals u.Id
                   select new { Partner = p, OwnerName = u.DisplayName };
        rows = (query.Sort, query.Descending) switch
        {
            (PartnerSort.Stage, false) => rows.OrderBy(r => HealthRank(r.Partner.CurrentStage)).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.Stage, true) => rows.OrderByDescending(r => HealthRank(r.Partner.CurrentStage)).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.LastAssessed, false) => rows.OrderBy(r => r.Partner.LastAssessedOn).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.LastAssessed, true) => rows.OrderByDescending(r => r.Partner.LastAssessedOn).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.StageSince, false) => rows.OrderBy(r => r.Partner.StageSince).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.StageSince, true) => rows.OrderByDescending(r => r.Partner.StageSince).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.Owner, false) => rows.OrderBy(r => r.OwnerName).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.Owner, true) => rows.OrderByDescending(r => r.OwnerName).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.Region, false) => rows.OrderBy(r => r.Partner.Region).ThenBy(r => r.Partner.NormalizedName),
            (PartnerSort.Region, true) => rows.OrderByDescending(r => r.Partner.Region).ThenBy(r => r.Partner.NormalizedName),
            (_, false) => rows.OrderBy(r => r.Partner.NormalizedName),
            (_, true) => rows.OrderByDescending(r => r.Partner.NormalizedName),
        };

        var page = await rows
            .Skip(Math.Max(0, query.Page) * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new PartnerRow(r.Partner.Id, r.Partner.Name, r.Partner.Region, r.Partner.SolutionArea,
                r.Partner.OwnerId, r.OwnerName, r.Partner.CurrentStage, r.Partner.PreviousStage, r.Partner.StageSince,
                r.Partner.LastAssessedOn, r.Partner.PendingRegression, r.Partner.OverrideReason != null, r.Partner.IsArchived))
            .ToListAsync(cancellationToken);
        return new PartnerPage(page, total);
    }

    // Shared with the dashboard so a count and the list behind it always agree.
    public static IQueryable<Partner> Filter(PartnerStagesDbContext db, PartnerQuery query, DateOnly today)
    {
        var partners = db.Partners.AsNoTracking();
        if (query.StageOn is { } on)
        {
            partners = partners.Where(p => p.ArchivedOn == null || p.ArchivedOn > on);
            if (query.Stages.Count > 0)
            {
                var stages = query.Stages.Cast<Stage?>().ToList();
                partners = partners.Where(p => stages.Contains(db.StageChanges
                    .Where(c => c.PartnerId == p.Id && c.ChangedOn <= on)
                    .OrderByDescending(c => c.ChangedOn).ThenByDescending(c => c.Id)
                    .Select(c => (Stage?)c.To)
                    .FirstOrDefault()));
            }
        }
        else
        {
            partners = partners.Where(p => p.IsArchived == query.Archived);
            if (query.Stages.Count > 0)
            {
                var stages = query.Stages.Cast<Stage?>().ToList();
                partners = partners.Where(p => stages.Contains(p.CurrentStage));
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = Partner.Normalize(query.Search);
            partners = partners.Where(p => p.NormalizedName.Contains(term));
        }

        if (!string.IsNullOrEmpty(query.OwnerId))
        {
            partners = partners.Where(p => p.OwnerId == query.OwnerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            partners = partners.Where(p => p.Region == query.Region);
        }

        if (query.SolutionArea is { } area)
        {
            partners = partners.Where(p => p.SolutionArea == area);
        }

        if (query.OverdueOnly)
        {
            var cutoff = today.AddDays(-PartnerQuery.OverdueAfterDays);
            partners = partners.Where(p => p.LastAssessedOn == null || p.LastAssessedOn < cutoff);
        }

        if (query.PendingRegressionOnly)
        {
            partners = partners.Where(p => p.PendingRegression != null);
        }

        if (query.MovedOnly || query.MovedFrom is not null || query.MovedTo is not null)
        {
            var moves = Moves(db, query.Since, query.Until);
            if (query.MovedFrom is { } from)
            {
                moves = moves.Where(c => c.From == from);
            }

            if (query.MovedTo is { } to)
            {
                moves = moves.Where(c => c.To == to);
            }

            partners = partners.Where(p => moves.Any(c => c.PartnerId == p.Id));
        }

        if (query.UnassessedOnly)
        {
            partners = partners.Where(p => p.CurrentStage == null);
        }

        if (query.StuckOnly)
        {
            var stuckSince = today.AddMonths(-PartnerQuery.StuckAfterMonths);
            partners = partners.Where(p => (p.CurrentStage == Stage.Denial || p.CurrentStage == Stage.Despair) && p.StageSince < stuckSince);
        }

        if (query.FallingOnly)
        {
            var falling = FallingIds(db);
            partners = partners.Where(p => falling.Contains(p.Id));
        }

        if (query.AtRiskOnly)
        {
            var enteredPlateau = Moves(db, query.Since, query.Until).Where(c => c.To == Stage.Plateau);
            var falling = FallingIds(db);
            partners = partners.Where(p => p.PendingRegression != null
                || enteredPlateau.Any(c => c.PartnerId == p.Id)
                || falling.Contains(p.Id));
        }

        return partners;
    }

    // Stage moves (not a partner's first stage) in a period, both ends included.
    public static IQueryable<StageChange> Moves(PartnerStagesDbContext db, DateOnly? since, DateOnly? until)
    {
        var moves = db.StageChanges.AsNoTracking().Where(c => c.From != null);
        if (since is { } start)
        {
            moves = moves.Where(c => c.ChangedOn >= start);
        }

        if (until is { } end)
        {
            moves = moves.Where(c => c.ChangedOn <= end);
        }

        return moves;
    }

    // Partners whose newest assessment (not voided) shows a lower maturity index than the one before.
    public static IQueryable<int> FallingIds(PartnerStagesDbContext db) =>
        db.Partners.Where(p => p.LatestMomentum < 0).Select(p => p.Id);

    // Health order as a number the database can sort by; partners not yet assessed come first.
    private static int HealthRank(Stage? stage) =>
        stage == Stage.Soaring ? 5 : stage == Stage.Hopeful ? 4 : stage == Stage.Plateau ? 3 : stage == Stage.Despair ? 2 : stage == Stage.Denial ? 1 : 0;

    public async Task<IReadOnlyList<string>> ListRegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().Select(p => p.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
    }

    public async Task<PartnerDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking()
            .Where(p => p.Id == id)
            .Join(db.Users, p => p.OwnerId, u => u.Id, (p, u) => new PartnerDetails(
                p.Id, p.Name, p.Region, p.SolutionArea, p.ProgrammeLevel, p.JoinedProgrammeOn, p.OwnerId, u.DisplayName,
                p.IsArchived, p.Notes, p.CurrentStage, p.PreviousStage, p.StageSince, p.LastAssessedOn, p.PendingRegression,
                p.OverrideReason, p.RowVersion,
                p.VendorContacts.OrderBy(c => c.Name).Select(c => new ContactView(c.Id, c.Name, c.Role, c.Mandate, c.LastTouchOn, c.RowVersion)).ToList(),
                p.Sponsors.OrderBy(s => s.Kind).ThenBy(s => s.Name).Select(s => new SponsorView(s.Id, s.Name, s.Kind, s.Email, s.RowVersion)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int> CreateAsync(Actor actor, PartnerInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.CanCreatePartners)
        {
            throw new PermissionDeniedException("Your role cannot create partners.");
        }

        // A channel manager creates partners for its own portfolio; an administrator picks the owner.
        var ownerId = actor.IsAdministrator && !string.IsNullOrEmpty(input.OwnerId) ? input.OwnerId : actor.UserId;
        var joined = input.JoinedProgrammeOn ?? throw new DomainException(nameof(PartnerInput.JoinedProgrammeOn), "Joined programme is required.");
        var partner = new Partner(input.Name, input.Region, input.SolutionArea, input.ProgrammeLevel, joined, ownerId);
        partner.UpdateDetails(input.Region, input.SolutionArea, input.ProgrammeLevel, joined, input.Notes);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await EnsureOwnerExistsAsync(db, ownerId, cancellationToken);
        await EnsureNameIsFreeAsync(db, partner.NormalizedName, null, input.Name, cancellationToken);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(Now, actor, AuditAction.Created, EntityType, partner.Id, $"Created partner {partner.Name}.", after: Snapshot(partner));
        await db.SaveChangesAsync(cancellationToken);
        return partner.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, PartnerInput input, int rowVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, id, rowVersion, cancellationToken);
        var before = Snapshot(partner);
        var joined = input.JoinedProgrammeOn ?? throw new DomainException(nameof(PartnerInput.JoinedProgrammeOn), "Joined programme is required.");

        partner.Rename(input.Name);
        partner.UpdateDetails(input.Region, input.SolutionArea, input.ProgrammeLevel, joined, input.Notes);
        if (!string.IsNullOrEmpty(input.OwnerId) && input.OwnerId != partner.OwnerId)
        {
            if (!actor.IsAdministrator)
            {
                throw new PermissionDeniedException("Only an administrator can change a partner's owner.");
            }

            await EnsureOwnerExistsAsync(db, input.OwnerId, cancellationToken);
            partner.AssignOwner(input.OwnerId);
        }

        await EnsureNameIsFreeAsync(db, partner.NormalizedName, partner.Id, input.Name, cancellationToken);
        db.Audit(Now, actor, AuditAction.Edited, EntityType, partner.Id, $"Edited partner {partner.Name}.", before, Snapshot(partner));
        await SaveAsync(db, cancellationToken);
    }

    public Task ArchiveAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(actor, id, rowVersion, archived: true, cancellationToken);

    public Task RestoreAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(actor, id, rowVersion, archived: false, cancellationToken);

    private async Task SetArchivedAsync(Actor actor, int id, int rowVersion, bool archived, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, id, rowVersion, cancellationToken);
        if (archived)
        {
            partner.Archive(Today);
        }
        else
        {
            partner.Restore();
        }

        db.Audit(Now, actor, archived ? AuditAction.Archived : AuditAction.Restored, EntityType, partner.Id,
            $"{(archived ? "Archived" : "Restored")} partner {partner.Name}.", new { IsArchived = !archived }, new { IsArchived = archived });
        await SaveAsync(db, cancellationToken);
    }

    public async Task SaveVendorContactAsync(Actor actor, int partnerId, int? contactId, ContactInput input, int? rowVersion,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        if (contactId is { } existingId)
        {
            var contact = partner.VendorContacts.FirstOrDefault(c => c.Id == existingId)
                ?? throw new NotFoundException("That contact no longer exists; someone may have removed it.");
            var before = new { contact.Name, contact.Role, contact.Mandate, contact.LastTouchOn };
            db.Entry(contact).Property(c => c.RowVersion).OriginalValue = rowVersion ?? contact.RowVersion;
            contact.Update(input.Name, input.Role, input.Mandate, input.LastTouchOn);
            db.Audit(Now, actor, AuditAction.Edited, "VendorContact", contact.Id, $"Edited contact {contact.Name} of {partner.Name}.",
                before, new { contact.Name, contact.Role, contact.Mandate, contact.LastTouchOn });
        }
        else
        {
            var contact = partner.AddVendorContact(input.Name, input.Role, input.Mandate, input.LastTouchOn);
            db.Audit(Now, actor, AuditAction.Created, "VendorContact", null, $"Added contact {contact.Name} to {partner.Name}.",
                after: new { contact.Name, contact.Role, contact.Mandate, contact.LastTouchOn });
        }

        await SaveAsync(db, cancellationToken);
    }

    public async Task RemoveVendorContactAsync(Actor actor, int partnerId, int contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        var contact = partner.VendorContacts.FirstOrDefault(c => c.Id == contactId);
        if (contact is null)
        {
            return;
        }

        db.VendorContacts.Remove(contact);
        db.Audit(Now, actor, AuditAction.Edited, "VendorContact", contact.Id, $"Removed contact {contact.Name} from {partner.Name}.",
            before: new { contact.Name, contact.Role, contact.Mandate, contact.LastTouchOn });
        await SaveAsync(db, cancellationToken);
    }

    public async Task SaveSponsorAsync(Actor actor, int partnerId, int? sponsorId, SponsorInput input, int? rowVersion,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        if (sponsorId is { } existingId)
        {
            var sponsor = partner.Sponsors.FirstOrDefault(s => s.Id == existingId)
                ?? throw new NotFoundException("That sponsor no longer exists; someone may have removed it.");
            var before = new { sponsor.Name, sponsor.Kind, sponsor.Email };
            db.Entry(sponsor).Property(s => s.RowVersion).OriginalValue = rowVersion ?? sponsor.RowVersion;
            sponsor.Update(input.Name, input.Kind, input.Email);
            db.Audit(Now, actor, AuditAction.Edited, "PartnerSponsor", sponsor.Id, $"Edited sponsor {sponsor.Name} of {partner.Name}.",
                before, new { sponsor.Name, sponsor.Kind, sponsor.Email });
        }
        else
        {
            var sponsor = partner.AddSponsor(input.Name, input.Kind, input.Email);
            db.Audit(Now, actor, AuditAction.Created, "PartnerSponsor", null, $"Added sponsor {sponsor.Name} to {partner.Name}.",
                after: new { sponsor.Name, sponsor.Kind, sponsor.Email });
        }

        await SaveAsync(db, cancellationToken);
    }

    public async Task RemoveSponsorAsync(Actor actor, int partnerId, int sponsorId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await LoadForChangeAsync(db, actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        var sponsor = partner.Sponsors.FirstOrDefault(s => s.Id == sponsorId);
        if (sponsor is null)
        {
            return;
        }

        db.PartnerSponsors.Remove(sponsor);
        db.Audit(Now, actor, AuditAction.Edited, "PartnerSponsor", sponsor.Id, $"Removed sponsor {sponsor.Name} from {partner.Name}.",
            before: new { sponsor.Name, sponsor.Kind, sponsor.Email });
        await SaveAsync(db, cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Loads a partner for a change, after checking the actor may change it; with a row version,
    // the save is refused if someone else saved the partner since the user read it.
    internal static async Task<Partner> LoadForChangeAsync(PartnerStagesDbContext db, Actor actor, int id, int? rowVersion,
        CancellationToken cancellationToken, bool includeContacts = false)
    {
        IQueryable<Partner> query = includeContacts ? db.Partners.Include(p => p.VendorContacts).Include(p => p.Sponsors) : db.Partners;
        var partner = await query.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
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

    internal static async Task SaveAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
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

    internal static ConcurrencyConflictException Conflict() => new(
        "Someone else saved changes to this partner while you were working on it. Nothing of yours was saved " +
        "and your input is still here: reload to see their changes, then apply yours again.");

    private static async Task EnsureNameIsFreeAsync(PartnerStagesDbContext db, string normalizedName, int? exceptId, string name,
        CancellationToken cancellationToken)
    {
        if (await db.Partners.AnyAsync(p => p.NormalizedName == normalizedName && p.Id != exceptId, cancellationToken))
        {
            throw new DomainException(nameof(PartnerInput.Name), $"A partner named \"{name.Trim()}\" already exists.");
        }
    }

    private static async Task EnsureOwnerExistsAsync(PartnerStagesDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == ownerId, cancellationToken))
        {
            throw new DomainException(nameof(PartnerInput.OwnerId), "Choose an owner from the list.");
        }
    }

    private static object Snapshot(Partner p) => new
    {
        p.Name, p.Region, p.SolutionArea, p.ProgrammeLevel, p.JoinedProgrammeOn, p.OwnerId, p.Notes, p.IsArchived,
    };
}
