using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Data;

public sealed class PartnerStagesDbContext(DbContextOptions<PartnerStagesDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public const string RowVersion = nameof(RowVersion);

    // When a partner row was last written (Partner.ChangedAtUtc): the API's change feed reads by it.
    public const string ChangedAtUtc = nameof(ChangedAtUtc);

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<VendorContact> VendorContacts => Set<VendorContact>();
    public DbSet<PartnerSponsor> PartnerSponsors => Set<PartnerSponsor>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<RegressionDismissal> RegressionDismissals => Set<RegressionDismissal>();
    public DbSet<RuleSetDefinition> RuleSets => Set<RuleSetDefinition>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PortfolioChange> PortfolioChanges => Set<PortfolioChange>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<OutboxMessage> WebhookOutbox => Set<OutboxMessage>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<OverdueNotice> WebhookOverdueNotices => Set<OverdueNotice>();

    // The sign-in and antiforgery key ring, shared by every instance on the database.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PartnerStagesDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as strings: readable in the database and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpRowVersions();
        NotePortfolioChanges();
        NoteStageChangeEvents();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpRowVersions();
        NotePortfolioChanges();
        NoteStageChangeEvents();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Optimistic concurrency that works the same on SQLite and PostgreSQL: every editable row
    // carries an integer that each update raises, and the UPDATE checks the value it was read with.
    private void BumpRowVersions()
    {
        DateTime? stamp = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(RowVersion) is not null)
            {
                var property = entry.Property(RowVersion);
                property.CurrentValue = (int)property.OriginalValue! + 1;
            }

            if (entry.State is EntityState.Added or EntityState.Modified && entry.Metadata.FindProperty(ChangedAtUtc) is not null)
            {
                entry.Property(ChangedAtUtc).CurrentValue = stamp ??= ChangeStamp();
            }
        }
    }

    // The host's clock (tests move it), read from the application's services the context was made with;
    // looked up once per context, since a bulk write stamps every row it writes.
    public DateTime ChangeStamp() => (_clock ??= FindClock()).GetUtcNow().UtcDateTime;

    private TimeProvider? _clock;

    private TimeProvider FindClock()
    {
        try
        {
            return this.GetService<TimeProvider>();
        }
        catch (InvalidOperationException)
        {
            // A context made without the app's services (design-time tools, upgrades) writes real time.
            return TimeProvider.System;
        }
    }

    // Off for upgrades that run between migrations, on a schema that may not have the table yet; no
    // figures are cached before start-up ends anyway.
    public bool NotesPortfolioChanges { get; set; } = true;

    // Bulk writers bypass the change tracker: they say so, and the next save records it.
    public void NoteBulkPortfolioChange() => PortfolioChanges.Add(PortfolioChange.Everything());

    // Every save that changes what the dashboard counts records whom it touched, in the same
    // transaction, so no write path can forget to invalidate the cached figures (DashboardCache).
    private void NotePortfolioChanges()
    {
        if (!NotesPortfolioChanges)
        {
            return;
        }

        var changes = new HashSet<(string? Owner, string? Region, Core.Partners.SolutionArea? Area)>();
        var historyFrom = PortfolioChange.NoHistory;
        void Standings(DateOnly? from) => historyFrom = from is { } day && day < historyFrom ? day : historyFrom;
        var partners = ChangeTracker.Entries<Partner>().DistinctBy(e => e.Entity.Id).ToDictionary(e => e.Entity.Id, e => e.Entity);
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry)
            {
                case { Entity: Partner partner, State: EntityState.Added or EntityState.Modified or EntityState.Deleted }:
                    changes.Add((partner.OwnerId, partner.Region, partner.SolutionArea));
                    Standings(partner.ArchivedOn);
                    if (entry.State == EntityState.Deleted)
                    {
                        Standings(DateOnly.MinValue);
                    }
                    else if (entry.State == EntityState.Modified)
                    {
                        // A reassigned or moved partner leaves the figures of its old owner, region and area,
                        // for every day of its history; an archived or restored one, from the day it was archived.
                        changes.Add(((string)entry.Property(nameof(Partner.OwnerId)).OriginalValue!,
                            (string)entry.Property(nameof(Partner.Region)).OriginalValue!,
                            (Core.Partners.SolutionArea)entry.Property(nameof(Partner.SolutionArea)).OriginalValue!));
                        if (entry.Property(nameof(Partner.OwnerId)).IsModified || entry.Property(nameof(Partner.Region)).IsModified
                            || entry.Property(nameof(Partner.SolutionArea)).IsModified)
                        {
                            Standings(DateOnly.MinValue);
                        }

                        Standings((DateOnly?)entry.Property(nameof(Partner.ArchivedOn)).OriginalValue);
                    }

                    break;
                case { Entity: Assessment or StageChange, State: EntityState.Added or EntityState.Modified or EntityState.Deleted }:
                    var partnerId = entry.Entity is Assessment a ? a.PartnerId : ((StageChange)entry.Entity).PartnerId;
                    if (entry.Entity is StageChange change)
                    {
                        Standings(change.ChangedOn);
                        Standings((DateOnly?)entry.Property(nameof(StageChange.ChangedOn)).OriginalValue);
                    }

                    // A check-in whose partner this context does not hold: its filters are unknown here.
                    changes.Add(partners.TryGetValue(partnerId, out var owner)
                        ? (owner.OwnerId, owner.Region, owner.SolutionArea)
                        : (null, null, null));
                    break;
                case { Entity: ApplicationUser, State: EntityState.Modified } when entry.Property(nameof(ApplicationUser.DisplayName)).IsModified:
                // A draft changes no verdict; its publish (and the retirement beside it) changes them all.
                case { Entity: RuleSetDefinition { IsDraft: false }, State: EntityState.Added or EntityState.Modified }:
                    changes.Add((null, null, null));
                    break;
            }
        }

        if (changes.Contains((null, null, null)))
        {
            PortfolioChanges.Add(PortfolioChange.Everything());
            return;
        }

        foreach (var (owner, region, area) in changes)
        {
            PortfolioChanges.Add(PortfolioChange.Of(owner!, region!, area!.Value, historyFrom));
        }
    }

    // Every stage change saved through the change tracker writes its partner.stage_changed event to the
    // outbox in the same save (so in the same transaction), whichever service made it. Bulk writers add
    // theirs themselves (RuleSetPublisher). A save retried after a failure does not add a second one.
    private void NoteStageChangeEvents()
    {
        if (!NotesPortfolioChanges)
        {
            return;
        }

        var noted = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.Source).OfType<StageChange>().ToHashSet();
        var names = ChangeTracker.Entries<Partner>().DistinctBy(e => e.Entity.Id).ToDictionary(e => e.Entity.Id, e => e.Entity.Name);
        foreach (var entry in ChangeTracker.Entries<StageChange>().Where(e => e.State == EntityState.Added).ToList())
        {
            if (!noted.Contains(entry.Entity))
            {
                var message = WebhookEvents.StageChangedMessage(entry.Entity, names.GetValueOrDefault(entry.Entity.PartnerId));
                message.Source = entry.Entity;
                WebhookOutbox.Add(message);
            }
        }
    }
}
