using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Data;

public sealed class PartnerStagesDbContext(DbContextOptions<PartnerStagesDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public const string RowVersion = nameof(RowVersion);

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<VendorContact> VendorContacts => Set<VendorContact>();
    public DbSet<PartnerSponsor> PartnerSponsors => Set<PartnerSponsor>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<RuleSetDefinition> RuleSets => Set<RuleSetDefinition>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpRowVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Optimistic concurrency that works the same on SQLite and PostgreSQL: every editable row
    // carries an integer that each update raises, and the UPDATE checks the value it was read with.
    private void BumpRowVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(RowVersion) is not null)
            {
                var property = entry.Property(RowVersion);
                property.CurrentValue = (int)property.OriginalValue! + 1;
            }
        }
    }
}
