using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Dashboard;
using PartnerStages.Web.Components.Pages.Admin;
using PartnerStages.Web.Diagnostics;

namespace PartnerStages.Web.Tests.Components.Admin;

public sealed class ServerDiagnosticsTests : ComponentTestBase
{
    protected override Task ArrangeAsync()
    {
        Services.AddSingleton<CircuitCounter>();
        Services.AddSingleton<SlowRequests>();
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_page_shows_the_dashboard_cache_and_the_slowest_requests()
    {
        var filter = new DashboardFilter { From = TestData.Today.AddMonths(-2), To = TestData.Today };
        var dashboard = Services.GetRequiredService<DashboardService>();
        await dashboard.GetFlaggedAsync(filter);
        await dashboard.GetFlaggedAsync(filter);
        await dashboard.GetFlaggedAsync(filter);
        var slow = Services.GetRequiredService<SlowRequests>();
        slow.Record("GET", "/dashboard", 200, TimeSpan.FromMilliseconds(1234));
        slow.Record("GET", "/partners", 200, TimeSpan.FromMilliseconds(56));

        var page = Render<ServerDiagnostics>();

        var cache = page.FindAll("[data-testid=dashboard-cache] dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(["2", "1", "67%", "1"], cache); // hits, computed, hit rate, held
        var rows = page.FindAll("[aria-label='Slowest requests'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("GET /dashboard", rows[0], StringComparison.Ordinal);
    }
}
