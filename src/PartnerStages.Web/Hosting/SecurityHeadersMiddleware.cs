using System.Security.Cryptography;

namespace PartnerStages.Web.Hosting;

// Headers on every response. The Content-Security-Policy allows only the app's own scripts plus the
// one inline import map, which carries this request's nonce (App.razor reads it from here).
internal static class SecurityHeadersMiddleware
{
    private const string NonceKey = "csp-nonce";

    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // A status page re-executes the pipeline on the same context: keep the first nonce and its
            // header. A second nonce would reach the page while the first request's OnStarting
            // callback (which runs last) wrote the first one into the header.
            if (context.CspNonce() is not null)
            {
                await next(context);
                return;
            }

            // Hex, not base64: "+" and "/" would be HTML-encoded in the attribute and make the markup harder to check.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; " +
                    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
                    "form-action 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
