namespace PartnerStages.Web.Api;

// The public REST API: one group under /api/v1, tokens only, problems for every refusal, a rate
// limit per token. Each endpoint calls the service the screens call, with the token's user as actor.
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiPolicies.Read)
            .RequireRateLimiting(ApiPolicies.RateLimit)
            .AddEndpointFilter(ApiErrors.ServiceRefusals)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("PartnerStages");
        api.MapPartners();
        api.MapStageEndpoints();
        api.MapPortfolio();
        return endpoints;
    }

    // Writes need a read-write token on top of the group's sign-in; their refusals are documented too.
    public static RouteHandlerBuilder Writes(this RouteHandlerBuilder endpoint) => endpoint
        .RequireAuthorization(ApiPolicies.Write)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesValidationProblem();

    // A change to an existing partner, named by the version it read (If-Match).
    public static RouteHandlerBuilder Versioned(this RouteHandlerBuilder endpoint) => endpoint
        .Writes()
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = "If-Match",
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Required = true,
                Description = "The partner's ETag (its version, e.g. \"3\") from the GET or the change this one follows. Missing: 412; stale: 409.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
            });
            return Task.CompletedTask;
        })
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
