using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PartnerStages.Web.Hosting;
using Scalar.AspNetCore;

namespace PartnerStages.Web.Api;

// The OpenAPI 3.1 document of /api/v1 at /openapi/v1.json, and Scalar's reference page at /api/docs.
internal static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/docs";
    private const string SchemeName = "PersonalAccessToken";

    public static IServiceCollection AddPartnerStagesOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PartnerStages API",
                    Version = "v1",
                    Description = "Partners, check-ins, stage decisions, dashboard figures and the active rule set, over the same rules, "
                        + "permissions and audit trail as the app. Every request needs a personal access token (Account, Access tokens): "
                        + "`Authorization: Bearer pst_...`. Errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "pst_...",
                    Description = "A personal access token. Read-only tokens may only GET.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath);

        // Scalar's script is served by the package from this app (not its CDN), and its page carries
        // this request's CSP nonce, so the Content-Security-Policy allows it unchanged.
        endpoints.MapScalarApiReference(ReferencePath, (options, http) =>
        {
            var nonce = http.CspNonce() ?? "";

            // The bundle's zod probes for eval (Function("")) unless told not to compile; under the
            // policy's script-src that probe is a violation report on every load.
            options.HeadContent = $"<script nonce=\"{nonce}\">globalThis.__zod_globalConfig = {{ jitless: true }};</script>";
            options.WithTitle("PartnerStages API")
                .WithOpenApiRoutePattern(DocumentPath)
                .WithNonce(nonce)
                // Fonts from its CDN and telemetry to its servers would be blocked (font-src, connect-src 'self').
                .DisableDefaultFonts()
                .DisableTelemetry()
                .AddPreferredSecuritySchemes(SchemeName);
        });
        return endpoints;
    }
}
