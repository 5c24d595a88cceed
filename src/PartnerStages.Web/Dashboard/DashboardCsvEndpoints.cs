using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Dashboard;

// CSV downloads of the dashboard's tables. An endpoint rather than a file built in the circuit:
// a plain link downloads it (no JavaScript, nothing for the CSP to allow), the URL carries the
// same filters as the page, and the server checks the sign-in like any other request.
internal static class DashboardCsvEndpoints
{
    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/export/{table}.csv", ExportAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string table, HttpContext context, DashboardService dashboard, PartnerService partners,
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
}
