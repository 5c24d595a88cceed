using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PartnerStages.Data;

// Lets `dotnet ef migrations add` build the model without starting the web host.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerStagesDbContext>
{
    public PartnerStagesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PartnerStagesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
