using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerStages.Data;

namespace PartnerStages.Web.Hosting;

internal sealed class DatabaseHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.IsReadyAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is not reachable or not migrated.");
}
