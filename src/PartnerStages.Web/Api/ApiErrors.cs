using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerStages.Core;
using PartnerStages.Data;

namespace PartnerStages.Web.Api;

// Every answer under /api that is not a success is an RFC 9457 problem (application/problem+json),
// never the app's HTML error or not-found page.
internal static class ApiErrors
{
    public const string PathPrefix = "/api";

    // Larger bodies are refused before they are read: nothing the API takes comes near it.
    public const long MaxBodyBytes = 64 * 1024;

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    // After UseStatusCodePagesWithReExecute in the pipeline, so it can turn that off for /api.
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await WriteAsync(context, problems, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"A request body may hold at most {MaxBodyBytes / 1024} KiB.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            // Malformed JSON, a value of the wrong type, an unknown field, a body over the limit.
            context.Response.Clear();
            await WriteAsync(context, problems, error.StatusCode, "The request could not be read.", Describe(error));
            return;
        }
        catch (Exception error) when (!context.Response.HasStarted && error is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerStages.Web.Api")
                .LogError(error, "The API request {Method} {Path} failed.", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteAsync(context, problems, StatusCodes.Status500InternalServerError, "Something went wrong on the server.",
                "The error is in the server's log; nothing of this request may have been saved.");
            return;
        }

        // What the framework answers with an empty body (an unknown path, a wrong method) gets a problem too.
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null
            && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await WriteAsync(context, problems, context.Response.StatusCode, null, null);
        }
    });

    private static string Describe(BadHttpRequestException error) => error.InnerException switch
    {
        JsonException json => $"The JSON body is not valid here: {json.Message}",
        _ => error.Message,
    };

    private static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string? title, string? detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    // The services' refusals as problems: the same messages the screens show.
    public static async ValueTask<object?> ServiceRefusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException error)
        {
            return Invalid(error.Field, error.Message);
        }
        catch (PermissionDeniedException error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.");
        }
        catch (NotFoundException error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }
        catch (ConcurrencyConflictException error)
        {
            return await ConflictAsync(context.HttpContext, error.Message);
        }
    }

    public static IResult Invalid(string field, string message) => Invalid([new(field, message)]);

    public static ValidationProblem Invalid(IEnumerable<Core.Rules.ValidationError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "Some fields are not valid.");

    // A stale If-Match: the answer carries the partner's current version, to read again and retry.
    private static async Task<IResult> ConflictAsync(HttpContext context, string message)
    {
        var extensions = new Dictionary<string, object?>();
        if (context.Request.RouteValues.TryGetValue("id", out var raw) && int.TryParse(raw?.ToString(), out var id)
            && await context.RequestServices.GetRequiredService<Data.Partners.PartnerService>().GetAsync(id, context.RequestAborted) is { } current)
        {
            extensions["currentVersion"] = current.RowVersion;
            context.Response.Headers.ETag = PartnerVersions.ETag(current.RowVersion);
        }

        return TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else.", extensions: extensions);
    }
}

// The partner's row version is its ETag; writes name the version they were based on in If-Match.
internal static class PartnerVersions
{
    public static string ETag(int version) => $"\"{version}\"";

    public static (int? Version, IResult? Refusal) FromIfMatch(HttpContext context)
    {
        string? header = context.Request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, TypedResults.Problem("Send If-Match with the partner's ETag from GET /api/v1/partners/{id}, so a change made meanwhile is not overwritten.",
                statusCode: StatusCodes.Status412PreconditionFailed, title: "If-Match is required."));
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return int.TryParse(value.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, ApiErrors.Invalid("If-Match", "If-Match must be the partner's ETag, such as \"3\"."));
    }
}
