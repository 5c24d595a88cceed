using PartnerStages.Web.Accounts;
using PartnerStages.Web.Api;
using PartnerStages.Web.Backups;
using PartnerStages.Web.Components;
using PartnerStages.Web.Diagnostics;
using PartnerStages.Web.Exports;
using PartnerStages.Web.Hosting;
using Serilog;

// `backup` and `restore <file>` do their job and exit without serving (README, Backups).
if (await OperatorCommands.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

// Without a launch profile the app runs as Production, where the framework's and MudBlazor's
// static assets are only found through the static web assets manifest.
builder.WebHost.UseStaticWebAssets();
builder.AddPartnerStages();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseSlowRequestLog();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

// Dates and numbers follow the browser's language; the circuit keeps the culture of its first request.
app.UseRequestLocalization(PartnerStagesHostingExtensions.RequestLocalization(app.Configuration));
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiErrors();
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseMiddleware<FirstRunMiddleware>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<TemporaryPasswordMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapCsvExports();
app.MapBackupDownloads();
app.MapMetrics();
app.MapHealthEndpoints();
app.MapApi();
app.MapApiDocumentation();

app.Run();

// Visible to WebApplicationFactory in the test projects.
public partial class Program;
