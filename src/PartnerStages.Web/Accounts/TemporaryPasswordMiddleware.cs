using Microsoft.AspNetCore.Authorization;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Accounts;

// Someone signed in with a password an administrator chose reaches nothing that needs a signed-in
// user (pages, exports, downloads, the Blazor hub) until they have chosen their own: every such
// request is sent to the change-password page. Signing out, static files and public endpoints pass.
internal sealed class TemporaryPasswordMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    private static readonly string[] Allowed = [ChangePasswordPath, "/Account/Logout"];

    public async Task InvokeAsync(HttpContext context)
    {
        // The API reads no cookie (it takes tokens only), so a browser's sign-in says nothing about it.
        if (context.User.Identity?.IsAuthenticated == true && TemporaryPassword.MustBeChanged(context.User)
            && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var path = context.Request.Path;
            var allowed = Allowed.Any(a => path.Equals(a, StringComparison.OrdinalIgnoreCase));
            var needsSignIn = context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null
                || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
            if (!allowed && needsSignIn)
            {
                context.Response.Redirect(ChangePasswordPath);
                return;
            }
        }

        await next(context);
    }
}
