using Microsoft.EntityFrameworkCore.Design;

namespace PartnerStages.Data.Sqlite;

// Lets `dotnet ef migrations add` build the SQLite model without starting the web host.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerStagesDbContext>
{
    public PartnerStagesDbContext CreateDbContext(string[] args) =>
        PartnerStagesDatabase.Sqlite("Data Source=design-time.db").CreateContext();
}
