using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Binding a form field makes the endpoint require a valid antiforgery token.
        endpoints.MapPost("/Account/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm(Name = "signout")] string? _) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return endpoints;
    }
}
