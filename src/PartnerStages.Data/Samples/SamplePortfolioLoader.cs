using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Rules;

namespace PartnerStages.Data.Samples;

public sealed class SamplePortfolioLoader(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore ruleSets, TimeProvider clock)
{
    public const int DefaultSeed = 2026;
    public const int DefaultSize = 60;
    public const int MaxSize = 100_000;
    private const int Batch = 250;

    // Loads a generated portfolio into an empty database, all or nothing. Owners are created as
    // channel-manager accounts without a password: an administrator can reassign their partners.
    public async Task<int> LoadAsync(Actor actor, int size = DefaultSize, int seed = DefaultSeed,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can load a sample portfolio.");
        }

        if (size is < 1 or > MaxSize)
        {
            throw new DomainException("Size", $"A sample portfolio has between 1 and {MaxSize:N0} partners.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var portfolio = SamplePortfolio.Generate(seed, size, DateOnly.FromDateTime(now), await ruleSets.GetActiveAsync(cancellationToken));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Partners.AnyAsync(cancellationToken))
        {
            throw new DomainException("Size", "The sample portfolio only loads into a database without partners.");
        }

        var ownerIds = portfolio.Owners.Select(o => o.Id).ToList();
        var existing = await db.Users.Where(u => ownerIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var owner in portfolio.Owners.Where(o => !existing.Contains(o.Id)))
        {
            db.Users.Add(new ApplicationUser
            {
                Id = owner.Id, UserName = owner.Email, NormalizedUserName = owner.Email.ToUpperInvariant(),
                Email = owner.Email, NormalizedEmail = owner.Email.ToUpperInvariant(), EmailConfirmed = true,
                DisplayName = owner.DisplayName, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
            });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = owner.Id, RoleId = Roles.ChannelManager.ToLowerInvariant() });
        }

        await db.SaveChangesAsync(cancellationToken);
        await using var checkIns = new AssessmentBulkWriter(db);
        var done = 0;
        foreach (var chunk in portfolio.Partners.Chunk(Batch))
        {
            await SaveChunkAsync(db, checkIns, chunk, now, cancellationToken);
            done += chunk.Length;
            progress?.Report((double)done / portfolio.Partners.Count);
        }

        await checkIns.FlushAsync(cancellationToken);

        db.Audit(now, actor, AuditAction.Imported, "Partner", null,
            $"Loaded a sample portfolio of {size} partners (seed {seed}).", after: new { size, seed });
        db.NoteBulkPortfolioChange();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.CheckpointAsync(cancellationToken);
        return portfolio.Partners.Count;
    }

    private static async Task SaveChunkAsync(PartnerStagesDbContext db, AssessmentBulkWriter checkIns, SamplePartner[] chunk, DateTime now,
        CancellationToken cancellationToken)
    {
        var changes = new List<StageTransition?[]>(chunk.Length);
        var partners = chunk.Select(sample =>
        {
            var partner = new Partner(sample.Name, sample.Region, sample.SolutionArea, sample.ProgrammeLevel, sample.JoinedOn, sample.OwnerId,
                addedOn: DateOnly.FromDateTime(now));
            foreach (var (name, role, mandate) in sample.Contacts)
            {
                partner.AddVendorContact(name, role, mandate, sample.CheckIns.Count > 0 ? sample.CheckIns[^1].On : null);
            }

            changes.Add(sample.CheckIns.Select(checkIn => partner.RecordVerdict(checkIn.Verdict, checkIn.On).Change).ToArray());
            return partner;
        }).ToList();
        db.Partners.AddRange(partners);
        await db.SaveChangesAsync(cancellationToken);

        for (var i = 0; i < chunk.Length; i++)
        {
            for (var c = 0; c < chunk[i].CheckIns.Count; c++)
            {
                var checkIn = chunk[i].CheckIns[c];
                await checkIns.AddAsync(new Assessment(partners[i].Id, chunk[i].OwnerId, checkIn.Inputs, null, checkIn.History,
                    checkIn.Verdict, now), changes[i][c], cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
    }
}
