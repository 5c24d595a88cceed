using System.Globalization;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Import;
using PartnerStages.Web.Components.Pages.Partners;

// In the framework's namespace, like MapHealthChecks, so Program.cs wires it with one line and no using.
#pragma warning disable IDE0130
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

internal static class CsvEndpoints
{
    public static IEndpointRouteBuilder MapCsvEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Every role reads partners, so every signed-in user may export; templates serve the import, which is for administrators.
        endpoints.MapGet("/export/partners.csv", async (HttpContext http, CsvExportService export) =>
        {
            // The list's own URL parameters, so "Export CSV" exports what the list shows (every page of it).
            var query = PartnerListUrl.Parse("partners" + http.Request.QueryString.Value) with { Page = 0 };
            await StreamAsync(http, "partners", stream => export.WritePartnersAsync(query, stream, http.RequestAborted));
        }).RequireAuthorization();

        endpoints.MapGet("/export/assessments.csv", (HttpContext http, CsvExportService export) =>
            StreamAsync(http, "assessments", stream => export.WriteAssessmentsAsync(stream, http.RequestAborted)))
            .RequireAuthorization();

        endpoints.MapGet("/export/templates/{kind}.csv", async (HttpContext http, string kind) =>
        {
            if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var importKind) || !Enum.IsDefined(importKind))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await StreamAsync(http, $"{importKind.ToString().ToLowerInvariant()}-template",
                stream => CsvExportService.WriteTemplateAsync(importKind, stream, http.RequestAborted), dated: false);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Administrator));

        return endpoints;
    }

    private static async Task StreamAsync(HttpContext http, string name, Func<Stream, Task> write, bool dated = true)
    {
        var today = DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var file = dated ? $"{name}-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv" : $"{name}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        http.Response.Headers.CacheControl = "no-store";
        await write(http.Response.Body);
    }
}
