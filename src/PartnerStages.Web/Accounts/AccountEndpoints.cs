using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Audit;

namespace PartnerStages.Web.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Binding a form field makes the endpoint require a valid antiforgery token.
        endpoints.MapPost("/Account/Logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] AuditLog audit,
            [FromForm(Name = "signout")] string? _) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                var name = user.Identity.Name ?? "";
                await audit.RecordAccountEventAsync(AuditAction.SignedOut, user.FindFirstValue(ClaimTypes.NameIdentifier), name, $"{name} signed out.");
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return endpoints;
    }
}
