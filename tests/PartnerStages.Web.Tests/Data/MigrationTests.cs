using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void The_model_has_no_changes_without_a_migration()
    {
        using var db = new PartnerStagesDbContext(
            new DbContextOptionsBuilder<PartnerStagesDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: run `dotnet ef migrations add <Name> --project src/PartnerStages.Data --startup-project src/PartnerStages.Data`.");
    }
}
