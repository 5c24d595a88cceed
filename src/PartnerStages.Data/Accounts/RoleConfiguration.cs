using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerStages.Core.Accounts;

namespace PartnerStages.Data.Accounts;

// The three roles are part of the schema: every database has them from its first migration.
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(role => new IdentityRole(role)
        {
            Id = role.ToLowerInvariant(),
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = role.ToLowerInvariant(),
        }));
}
