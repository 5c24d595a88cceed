using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

internal sealed class RuleSetConfiguration : IEntityTypeConfiguration<RuleSetDefinition>
{
    public void Configure(EntityTypeBuilder<RuleSetDefinition> builder)
    {
        builder.ToTable("RuleSets");
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.CreatedById).HasMaxLength(450);
        builder.Property(r => r.PublishedById).HasMaxLength(450);
        builder.Property(r => r.RowVersion).IsConcurrencyToken();
    }
}
