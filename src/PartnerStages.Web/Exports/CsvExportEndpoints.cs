using System.Globalization;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;
using PartnerStages.Web.Components.Shared;
using PartnerStages.Web.Dashboard;

namespace PartnerStages.Web.Exports;

// Every CSV download. Endpoints rather than files built in the circuit: a plain link downloads
// them (no JavaScript, nothing for the CSP to allow), the URL carries the same filters as the page
// it came from, and the server checks the sign-in like any other request.
internal static class CsvExportEndpoints
{
    public static IEndpointRouteBuilder MapCsvExports(this IEndpointRouteBuilder endpoints)
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

        endpoints.MapGet("/dashboard/export/{table}.csv", DashboardTableAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> DashboardTableAsync(string table, HttpContext context, DashboardService dashboard, PartnerService partners,
        CancellationToken cancellationToken)
    {
        if (!DashboardTables.All.Contains(table))
        {
            return Results.NotFound();
        }

        var view = DashboardView.Parse(context.Request.QueryString.Value ?? "");
        var filter = view.ToFilter(CurrentActor.From(context.User), partners.Today);
        var figures = await dashboard.GetAsync(filter, cancellationToken);
        IReadOnlyList<PartnerRow> rows = [];
        if (DashboardTables.Flagged(table, figures) is { } flagged)
        {
            var query = flagged.Count.Query with { Page = 0, PageSize = Math.Max(1, flagged.Count.Value) };
            rows = (await partners.ListAsync(query, cancellationToken)).Rows;
        }

        var csv = DashboardTables.Csv(table, figures, rows);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Stream(stream => CsvFormat.WriteTableAsync(stream, csv, cancellationToken), "text/csv; charset=utf-8",
            $"partnerstages-{table}-{filter.From:yyyy-MM-dd}-to-{filter.To:yyyy-MM-dd}.csv");
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
