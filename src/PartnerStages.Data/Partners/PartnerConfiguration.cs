using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Data.Partners;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Partner.NameMaxLength);
        builder.Property(p => p.NormalizedName).HasMaxLength(Partner.NameMaxLength);
        builder.HasIndex(p => p.NormalizedName).IsUnique();
        builder.Property(p => p.Region).HasMaxLength(Partner.RegionMaxLength);
        builder.Property(p => p.Notes).HasMaxLength(Partner.NotesMaxLength);
        builder.Property(p => p.OverrideReason).HasMaxLength(1000);
        builder.Property(p => p.RowVersion).IsConcurrencyToken();

        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(p => p.VendorContacts).WithOne().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.VendorContacts).HasField("_vendorContacts");
        builder.HasMany(p => p.Sponsors).WithOne().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Sponsors).HasField("_sponsors");

        // The partner list filters and sorts on these.
        builder.HasIndex(p => new { p.IsArchived, p.CurrentStage });
        builder.HasIndex(p => p.OwnerId);
        builder.HasIndex(p => p.LastAssessedOn);

        // The API's change feed pages by (ChangedAtUtc, Id).
        builder.HasIndex(p => new { p.ChangedAtUtc, p.Id });
    }
}

internal sealed class VendorContactConfiguration : IEntityTypeConfiguration<VendorContact>
{
    public void Configure(EntityTypeBuilder<VendorContact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Mandate).HasMaxLength(500);
        builder.Property(c => c.RowVersion).IsConcurrencyToken();
    }
}

internal sealed class PartnerSponsorConfiguration : IEntityTypeConfiguration<PartnerSponsor>
{
    public void Configure(EntityTypeBuilder<PartnerSponsor> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.RowVersion).IsConcurrencyToken();
    }
}
