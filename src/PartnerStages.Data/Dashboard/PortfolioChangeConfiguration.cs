using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Dashboard;

internal sealed class PortfolioChangeConfiguration : IEntityTypeConfiguration<PortfolioChange>
{
    public void Configure(EntityTypeBuilder<PortfolioChange> builder)
    {
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.Region).HasMaxLength(Partner.RegionMaxLength);
        builder.Ignore(c => c.IsEverything);
    }
}
