using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PartnerStages.Core.Accounts;

namespace PartnerStages.Web.Accounts;

// The signed-in user as the services see it; components pass it to every change they ask for.
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync() => From((await authentication.GetAuthenticationStateAsync()).User);

    // Also for minimal-API endpoints, which have the request's user but no authentication state provider.
    public static Actor From(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user.");
        var roles = Roles.All.Where(user.IsInRole).ToHashSet();
        var name = user.Identity?.Name ?? userId;

        // A change through the API names the token it came with, in the audit trail among others.
        if (user.FindFirstValue(Api.TokenAuthenticationHandler.TokenNameClaim) is { } token)
        {
            name = $"{name} (token {token})";
        }

        // The audit trail's column for who acted holds 256 characters (AuditEntryConfiguration).
        if (name.Length > 256)
        {
            name = name[..255] + "…";
        }

        return new Actor(userId, name, roles);
    }
}
