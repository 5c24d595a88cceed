using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Backups;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Backups;

internal static class BackupEndpoints
{
    // A plain link downloads a backup, checked like any request; it holds every password hash, so
    // administrators only, and never kept in a cache.
    public static IEndpointRouteBuilder MapBackupDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/backups/{file}", (string file, HttpContext http, BackupService backups) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                var stream = backups.OpenRead(CurrentActor.From(http.User), file);
                return Results.File(stream, "application/vnd.sqlite3", file);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Administrator));
        return endpoints;
    }
}
