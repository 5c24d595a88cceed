using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Dashboard;

namespace PartnerStages.Web.Diagnostics;

// What an operator of a Blazor Server app watches: circuits, memory, the dashboard cache and slow
// requests, on the administrators' diagnostics page and as OpenTelemetry metrics (Prometheus
// format at /metrics, for administrators).
public static class DiagnosticsExtensions
{
    public const string MeterName = "PartnerStages";

    public static IServiceCollection AddPartnerStagesDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        services.AddSingleton<SlowRequests>();
        services.AddSingleton<DiagnosticsMeter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MeterName, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddPrometheusExporter());
        return services;
    }

    public static IApplicationBuilder UseSlowRequestLog(this IApplicationBuilder app)
    {
        // Created now, so its instruments exist before the first scrape.
        app.ApplicationServices.GetRequiredService<DiagnosticsMeter>();
        return app.UseMiddleware<SlowRequestsMiddleware>();
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(policy => policy.RequireRole(Roles.Administrator));
        return endpoints;
    }
}

// The app's own instruments, read from the counters when a collector asks.
public sealed class DiagnosticsMeter
{
    public DiagnosticsMeter(IMeterFactory meters, CircuitCounter circuits, DashboardCache cache)
    {
        var meter = meters.Create(DiagnosticsExtensions.MeterName);
        meter.CreateObservableGauge("partnerstages.circuits.connected", () => circuits.Connected, description: "Blazor circuits with a live connection");
        meter.CreateObservableGauge("partnerstages.circuits.disconnected", () => circuits.Disconnected, description: "Blazor circuits kept for a reconnect");
        meter.CreateObservableCounter("partnerstages.dashboard.cache.hits", () => cache.Statistics.Hits, description: "Dashboard panels served from the cache");
        meter.CreateObservableCounter("partnerstages.dashboard.cache.misses", () => cache.Statistics.Misses, description: "Dashboard panels computed");
        meter.CreateObservableGauge("partnerstages.dashboard.cache.entries", () => cache.Statistics.Entries, description: "Dashboard panels held");
    }
}
