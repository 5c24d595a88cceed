using Microsoft.AspNetCore.Components.Endpoints;

namespace PartnerStages.Web.Accounts;

// Sends every page to /setup while no administrator exists; once one does, /setup is gone (404).
// Static files, the Blazor framework, endpoints such as /health and the hub pass through.
internal sealed class FirstRunMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, FirstRun firstRun)
    {
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        if (isPage)
        {
            var isSetup = context.Request.Path.Equals(SetupPath, StringComparison.OrdinalIgnoreCase);
            var pending = await firstRun.IsPendingAsync(context.RequestAborted);
            if (pending && !isSetup)
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            if (!pending && isSetup)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        await next(context);
    }
}
