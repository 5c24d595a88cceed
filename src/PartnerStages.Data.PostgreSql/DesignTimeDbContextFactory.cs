using Microsoft.EntityFrameworkCore.Design;

namespace PartnerStages.Data.PostgreSql;

// Lets `dotnet ef migrations add` build the PostgreSQL model without starting the web host. Adding a
// migration never connects; `database update` would, so a real server can be named as the first argument.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerStagesDbContext>
{
    public PartnerStagesDbContext CreateDbContext(string[] args) =>
        PartnerStagesDatabase.PostgreSql(args.FirstOrDefault() ?? "Host=localhost;Database=partnerstages_design").CreateContext();
}
