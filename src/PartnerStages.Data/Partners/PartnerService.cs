using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Partners;

public sealed class PartnerService(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore ruleSets, TimeProvider clock)
{
    private const string EntityType = "Partner";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PartnerPage> ListAsync(PartnerQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.PartnersMatching(query, Today).CountAsync(cancellationToken);

        // A page past the end (an old link, a number typed into the URL) shows the last page.
        var size = Math.Max(1, query.PageSize);
        var served = Math.Clamp(query.Page, 0, Math.Max(0, (total - 1) / size));
        var page = await db.ListedPartners(query, Today)
            .Skip(served * size)
            .Take(size)
            .Select(AsRow)
            .ToListAsync(cancellationToken);
        return new PartnerPage(page, total, served);
    }

    // The list's rows after the row whose sort key values are `after` (PartnerListQueries.SortKeys),
    // at most `limit` of them, and the key values of the last one when more follow: paging that
    // stays in place while partners are added or removed before the reader's position.
    public async Task<PartnerSlice> ListAfterAsync(PartnerQuery query, IReadOnlyList<object?>? after, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = PartnerListQueries.SortKeys(query);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.ListedPartners(query, Today);
        if (after is not null)
        {
            rows = rows.After(keys, after);
        }

        var page = await rows.Take(limit + 1).Select(AsRow).ToListAsync(cancellationToken);
        if (page.Count <= limit)
        {
            return new PartnerSlice(page, null);
        }

        page.RemoveAt(limit);
        var lastId = page[^1].Id;
        var last = from p in db.Partners.AsNoTracking()
                   where p.Id == lastId
                   join u in db.Users on p.OwnerId equals u.Id
                   select new ListedPartner { Partner = p, OwnerName = u.DisplayName };
        // The key values as the database computes them (upper() included), so the next page starts exactly after this row.
        var values = await last.Select(KeyValues(keys)).FirstAsync(cancellationToken);
        return new PartnerSlice(page, values);
    }

    // Partners written after a position in (ChangedAtUtc, Id) order, up to `until`, for an API client's incremental sync.
    public async Task<IReadOnlyList<PartnerChange>> ListChangedAsync(DateTime? afterAtUtc, int afterId, DateTime untilUtc, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partners = db.Partners.AsNoTracking().Where(p => p.ChangedAtUtc <= untilUtc);
        if (afterAtUtc is { } at)
        {
            partners = partners.Where(p => p.ChangedAtUtc > at || (p.ChangedAtUtc == at && p.Id > afterId));
        }

        return await partners.OrderBy(p => p.ChangedAtUtc).ThenBy(p => p.Id).Take(limit)
            .Join(db.Users, p => p.OwnerId, u => u.Id, (p, u) => new PartnerChange(p.ChangedAtUtc, p.RowVersion, new PartnerRow(p.Id, p.Name, p.Region,
                p.SolutionArea, p.OwnerId, u.DisplayName, p.CurrentStage, p.PreviousStage, p.StageSince, p.LastAssessedOn, p.PendingRegression,
                p.OverrideReason != null, p.IsArchived, p.AddedOn, p.LatestMomentum)))
            .ToListAsync(cancellationToken);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ListedPartner, PartnerRow>> AsRow = r => new PartnerRow(r.Partner.Id,
        r.Partner.Name, r.Partner.Region, r.Partner.SolutionArea, r.Partner.OwnerId, r.OwnerName, r.Partner.CurrentStage, r.Partner.PreviousStage,
        r.Partner.StageSince, r.Partner.LastAssessedOn, r.Partner.PendingRegression, r.Partner.OverrideReason != null, r.Partner.IsArchived,
        r.Partner.AddedOn, r.Partner.LatestMomentum);

    private static System.Linq.Expressions.Expression<Func<ListedPartner, object?[]>> KeyValues(IReadOnlyList<SortKey> keys)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(ListedPartner), "row");
        var values = keys.Select(k => System.Linq.Expressions.Expression.Convert(
            System.Linq.Expressions.Expression.Invoke(k.Key, row), typeof(object)));
        return System.Linq.Expressions.Expression.Lambda<Func<ListedPartner, object?[]>>(
            System.Linq.Expressions.Expression.NewArrayInit(typeof(object), values), row);
    }

    public async Task<IReadOnlyList<string>> ListRegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().Select(p => p.Region).Distinct().OrderBy(r => r).ToListAsync(cancellationToken);
    }

    // Each region with how many partners (archived included) it holds, for the administrators' regions page.
    public async Task<IReadOnlyList<RegionCount>> ListRegionCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().GroupBy(p => p.Region)
            .OrderBy(g => g.Key)
            .Select(g => new RegionCount(g.Key, g.Count(), g.Count(p => p.IsArchived)))
            .ToListAsync(cancellationToken);
    }

    // Renames a region, or merges it into another when the new name is a known region (Regions.Plan):
    // every partner in it moves in one transaction, each with its audit entry, and one entry for the move.
    public async Task<RegionMoveResult> MoveRegionAsync(Actor actor, string from, string to, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can rename or merge regions.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var known = await db.Partners.Select(p => p.Region).Distinct().ToListAsync(cancellationToken);
        var move = Regions.Plan(from, to, known);
        var partners = await db.Partners.Where(p => p.Region == move.From).ToListAsync(cancellationToken);
        if (partners.Count == 0)
        {
            throw new NotFoundException($"No partner is in the region \"{move.From}\" any more; someone may have moved them.");
        }

        var summary = move.IsMerge
            ? $"Merged region {move.From} into {move.To}: {partners.Count} partner(s) moved."
            : $"Renamed region {move.From} to {move.To}: {partners.Count} partner(s) changed.";
        foreach (var partner in partners)
        {
            partner.MoveToRegion(move.To);
            db.Audit(Now, actor, AuditAction.Edited, EntityType, partner.Id,
                $"Moved partner {partner.Name} from region {move.From} to {move.To} ({(move.IsMerge ? "regions merged" : "region renamed")}).",
                new { Region = move.From }, new { Region = move.To });
        }

        db.Audit(Now, actor, AuditAction.Edited, "Region", move.From, summary, new { Region = move.From, Partners = partners.Count },
            new { Region = move.To });
        await db.SaveOrRefuseConflictAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegionMoveResult(move, partners.Count);
    }

    public async Task<PartnerDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await db.ReadPartnerDetailsAsync(id, cancellationToken);
    }

    // Everything the partner page shows, on one context and one opened connection: read apart, the partner
    // and the timeline each paid EF's connection open again (on SQLite EF registers its functions on every
    // open and unregisters them on close: about 12 µs and 6 KB of a 180 µs page). Null when the partner
    // does not exist (the timeline is then not read).
    public async Task<PartnerPageView?> GetPageAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await db.ReadPartnerDetailsAsync(id, cancellationToken) is { } partner
            ? new PartnerPageView(partner, await db.ReadPartnerTimelineAsync(id, ruleSets, cancellationToken))
            : null;
    }

    public async Task<int> CreateAsync(Actor actor, PartnerInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.CanCreatePartners)
        {
            throw new PermissionDeniedException("Your role cannot create partners.");
        }

        // A channel manager creates partners for its own portfolio; an administrator picks the owner.
        var ownerId = actor.IsAdministrator && !string.IsNullOrEmpty(input.OwnerId) ? input.OwnerId : actor.UserId;
        var joined = input.JoinedProgrammeOn ?? throw new DomainException(nameof(PartnerInput.JoinedProgrammeOn), Partner.JoinedProgrammeRequired);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var region = await KnownRegionAsync(db, input.Region, cancellationToken);
        var partner = new Partner(input.Name, region, input.SolutionArea, input.ProgrammeLevel, joined, ownerId, addedOn: Today);
        partner.UpdateDetails(region, input.SolutionArea, input.ProgrammeLevel, joined, input.Notes);

        await EnsureOwnerExistsAsync(db, ownerId, cancellationToken);
        await EnsureNameIsFreeAsync(db, partner.NormalizedName, null, input.Name, cancellationToken);

        // The audit entry names the new row's id, so the partner is saved first; one transaction
        // keeps a crash between the two saves from leaving a partner nobody is recorded as creating.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Partners.Add(partner);
        await SaveNameAsync(db, partner, input.Name, cancellationToken);
        db.Audit(Now, actor, AuditAction.Created, EntityType, partner.Id, $"Created partner {partner.Name}.", after: Snapshot(partner));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return partner.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, PartnerInput input, int rowVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, id, rowVersion, cancellationToken);
        var before = Snapshot(partner);
        var joined = input.JoinedProgrammeOn ?? throw new DomainException(nameof(PartnerInput.JoinedProgrammeOn), Partner.JoinedProgrammeRequired);

        partner.Rename(input.Name);
        partner.UpdateDetails(await KnownRegionAsync(db, input.Region, cancellationToken), input.SolutionArea, input.ProgrammeLevel, joined, input.Notes);
        if (!string.IsNullOrEmpty(input.OwnerId) && input.OwnerId != partner.OwnerId)
        {
            if (!actor.IsAdministrator)
            {
                throw new PermissionDeniedException("Only an administrator can change a partner's owner.");
            }

            await EnsureOwnerExistsAsync(db, input.OwnerId, cancellationToken);
            partner.AssignOwner(input.OwnerId);
        }

        // Saving the form unchanged is not an edit: nothing to write, nothing to audit.
        if (Snapshot(partner).Equals(before))
        {
            return;
        }

        await EnsureNameIsFreeAsync(db, partner.NormalizedName, partner.Id, input.Name, cancellationToken);
        db.Audit(Now, actor, AuditAction.Edited, EntityType, partner.Id, $"Edited partner {partner.Name}.", before, Snapshot(partner));
        await SaveNameAsync(db, partner, input.Name, cancellationToken);
    }

    public Task ArchiveAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(actor, id, rowVersion, archived: true, cancellationToken);

    public Task RestoreAsync(Actor actor, int id, int rowVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(actor, id, rowVersion, archived: false, cancellationToken);

    private async Task SetArchivedAsync(Actor actor, int id, int rowVersion, bool archived, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, id, rowVersion, cancellationToken);
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
        await db.SaveOrRefuseConflictAsync(cancellationToken);
    }

    public Task SaveVendorContactAsync(Actor actor, int partnerId, int? contactId, ContactInput input, int? rowVersion,
        CancellationToken cancellationToken = default) =>
        SavePersonAsync(actor, partnerId, contactId, rowVersion, VendorContacts,
            partner => partner.AddVendorContact(input.Name, input.Role, input.Mandate, input.LastTouchOn),
            contact => contact.Update(input.Name, input.Role, input.Mandate, input.LastTouchOn), cancellationToken);

    public Task RemoveVendorContactAsync(Actor actor, int partnerId, int contactId, CancellationToken cancellationToken = default) =>
        RemovePersonAsync(actor, partnerId, contactId, VendorContacts, cancellationToken);

    public Task SaveSponsorAsync(Actor actor, int partnerId, int? sponsorId, SponsorInput input, int? rowVersion,
        CancellationToken cancellationToken = default) =>
        SavePersonAsync(actor, partnerId, sponsorId, rowVersion, Sponsors,
            partner => partner.AddSponsor(input.Name, input.Kind, input.Email),
            sponsor => sponsor.Update(input.Name, input.Kind, input.Email), cancellationToken);

    public Task RemoveSponsorAsync(Actor actor, int partnerId, int sponsorId, CancellationToken cancellationToken = default) =>
        RemovePersonAsync(actor, partnerId, sponsorId, Sponsors, cancellationToken);

    // The people listed on a partner (vendor contacts, partner sponsors): how to find one, name it
    // and record it in the audit trail. Both lists save and remove through the same two methods.
    private sealed record PersonList<T>(string EntityType, string Noun, Func<Partner, IReadOnlyList<T>> Of,
        Func<T, int> Id, Func<T, string> Name, Func<T, object> Snapshot) where T : class;

    private static readonly PersonList<VendorContact> VendorContacts = new("VendorContact", "contact", p => p.VendorContacts,
        c => c.Id, c => c.Name, c => new { c.Name, c.Role, c.Mandate, c.LastTouchOn });

    private static readonly PersonList<PartnerSponsor> Sponsors = new("PartnerSponsor", "sponsor", p => p.Sponsors,
        s => s.Id, s => s.Name, s => new { s.Name, s.Kind, s.Email });

    private async Task SavePersonAsync<T>(Actor actor, int partnerId, int? personId, int? rowVersion, PersonList<T> list,
        Func<Partner, T> add, Action<T> update, CancellationToken cancellationToken) where T : class
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        if (personId is { } existingId)
        {
            var person = list.Of(partner).FirstOrDefault(p => list.Id(p) == existingId)
                ?? throw new NotFoundException($"That {list.Noun} no longer exists; someone may have removed it.");
            var before = list.Snapshot(person);
            var version = db.Entry(person).Property(PartnerStagesDbContext.RowVersion);
            version.OriginalValue = rowVersion ?? version.CurrentValue;
            update(person);
            db.Audit(Now, actor, AuditAction.Edited, list.EntityType, existingId, $"Edited {list.Noun} {list.Name(person)} of {partner.Name}.",
                before, list.Snapshot(person));
        }
        else
        {
            var person = add(partner);
            db.Audit(Now, actor, AuditAction.Created, list.EntityType, null, $"Added {list.Noun} {list.Name(person)} to {partner.Name}.",
                after: list.Snapshot(person));
        }

        await db.SaveOrRefuseConflictAsync(cancellationToken);
    }

    private async Task RemovePersonAsync<T>(Actor actor, int partnerId, int personId, PersonList<T> list, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partner = await db.LoadPartnerToChangeAsync(actor, partnerId, rowVersion: null, cancellationToken, includeContacts: true);
        if (list.Of(partner).FirstOrDefault(p => list.Id(p) == personId) is not { } person)
        {
            return;
        }

        db.Remove(person);
        db.Audit(Now, actor, AuditAction.Edited, list.EntityType, personId, $"Removed {list.Noun} {list.Name(person)} from {partner.Name}.",
            before: list.Snapshot(person));
        await db.SaveOrRefuseConflictAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<string> KnownRegionAsync(PartnerStagesDbContext db, string typed, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(typed)
            ? typed
            : Regions.AsKnown(typed, await db.Partners.Select(p => p.Region).Distinct().ToListAsync(cancellationToken));

    private static async Task EnsureNameIsFreeAsync(PartnerStagesDbContext db, string normalizedName, int? exceptId, string name,
        CancellationToken cancellationToken)
    {
        if (await db.Partners.AnyAsync(p => p.NormalizedName == normalizedName && p.Id != exceptId, cancellationToken))
        {
            throw new DomainException(nameof(PartnerInput.Name), $"A partner named \"{name.Trim()}\" already exists.");
        }
    }

    // Two people saving the same name at once both pass the check before the save; the unique index
    // refuses the second, who is told what the check would have said.
    private static async Task SaveNameAsync(PartnerStagesDbContext db, Partner partner, string name, CancellationToken cancellationToken)
    {
        int? exceptId = db.Entry(partner).State == EntityState.Added ? null : partner.Id;
        try
        {
            await db.SaveOrRefuseConflictAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error is not DbUpdateConcurrencyException)
        {
            await EnsureNameIsFreeAsync(db, partner.NormalizedName, exceptId, name, cancellationToken);
            throw;
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
