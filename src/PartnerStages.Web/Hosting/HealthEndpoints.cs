using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerStages.Data;

namespace PartnerStages.Web.Hosting;

// Three questions, each with its own URL, all anonymous (they say nothing about the data):
// /health       can this app do its work (the database answers, is migrated and, with SQLite, has disk room)
// /health/live  is the process up at all: a load balancer or orchestrator restarts it when not
// /health/ready may this instance take traffic: its database answers and holds every migration it knows
internal static class HealthEndpoints
{
    public const string Work = "work";
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddPartnerStagesHealthChecks(this IServiceCollection services) => services.AddHealthChecks()
        .AddCheck<DatabaseHealthCheck>("database", tags: [Work])
        .AddCheck<MigratedDatabaseCheck>("migrated", tags: [Ready]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Work) }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class MigratedDatabaseCheck(DatabaseInitializer database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await database.IsMigratedAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database is not reachable, or a migration of this version is not applied yet.");
    }
}
