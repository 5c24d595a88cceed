using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Api;

internal static class ApiPolicies
{
    public const string Read = "api";
    public const string Write = "api-write";
    public const string RateLimit = "api";
}

internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddPartnerStagesApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);

        // Only the token scheme: a browser's sign-in cookie is never read for /api, so a page on another
        // site cannot make a signed-in browser call it (no CSRF, hence no antiforgery here).
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Read, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(ApiPolicies.Write, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(TokenAuthenticationHandler.AccessClaim, nameof(TokenAccess.ReadWrite)));

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);

        // Bodies are read strictly: an unknown field is an error (a typo must not be silently dropped),
        // enums are their names.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        // Read when first needed, so a test host's settings apply.
        services.Configure<ApiOptions>(configuration.GetSection("PartnerStages:Api"));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(ApiPolicies.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limit(context), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var others = options.OnRejected;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (!ApiErrors.IsApi(context.HttpContext))
                {
                    if (others is not null)
                    {
                        await others(context, cancellationToken);
                    }

                    return;
                }

                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"This token may make {Limit(context.HttpContext)} requests a minute. Try again in {seconds} s.",
                    },
                });
            };
        });

        services.AddPartnerStagesOpenApi();
        return services;
    }

    private static int Limit(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.RequestsPerMinute;

    // Per token: the rate limiter runs before authentication, so the partition is the hash of the
    // presented secret (the same hash the store keeps; the secret itself is not held in memory).
    // Requests without a token share one partition per client address.
    private static string PartitionKey(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        const string bearer = "Bearer ";
        return header is not null && header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? "token " + Convert.ToHexString(PersonalAccessTokenService.Hash(header[bearer.Length..].Trim()))
            : "address " + context.Connection.RemoteIpAddress;
    }
}

// The API's settings (PartnerStages:Api in appsettings.json).
internal sealed class ApiOptions
{
    public int RequestsPerMinute { get; set; } = 600;

    // Writes of the last few seconds may still be committing with an earlier change stamp; the change
    // feed leaves them to the next call rather than skip them.
    public int ChangeFeedSettleSeconds { get; set; } = 5;
}
