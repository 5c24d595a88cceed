using Microsoft.AspNetCore.Http.HttpResults;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Api;

internal static class PartnerEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void MapPartners(this RouteGroupBuilder api)
    {
        api.MapGet("/partners", ListAsync)
            .WithName("ListPartners")
            .WithSummary("List partners, with the partner list's filters and sorts, a page at a time")
            .WithDescription("Follow `next` for the following page: its cursor holds the last row's place in the order, so paging stays stable while partners change.")
            .ProducesValidationProblem();

        api.MapGet("/partners/changes", ChangesAsync)
            .WithName("ListPartnerChanges")
            .WithSummary("Partners written since a cursor, oldest change first, for incremental sync")
            .WithDescription("Start without `since`; keep the answer's `cursor` and pass it as `since` next time. A partner written several times appears once, with its latest state.")
            .ProducesValidationProblem();

        api.MapGet("/partners/{id:int}", GetAsync)
            .WithName("GetPartner")
            .WithSummary("One partner, with its ETag (the row version) for later changes")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/partners", CreateAsync)
            .WithName("CreatePartner")
            .WithSummary("Create a partner (a channel manager creates its own; an administrator names the owner)")
            .Writes();

        api.MapPut("/partners/{id:int}", UpdateAsync)
            .WithName("UpdatePartner")
            .Produces<PartnerDetails>()
            .WithSummary("Change a partner's details; If-Match must carry the ETag it was read with")
            .Versioned();

        api.MapPost("/partners/{id:int}/archive", (int id, HttpContext http, PartnerService partners, CancellationToken ct) =>
                ChangeAsync(id, http, partners, (actor, version) => partners.ArchiveAsync(actor, id, version, ct), ct))
            .WithName("ArchivePartner")
            .Produces<PartnerDetails>()
            .WithSummary("Archive a partner (If-Match required)")
            .Versioned();

        api.MapPost("/partners/{id:int}/restore", (int id, HttpContext http, PartnerService partners, CancellationToken ct) =>
                ChangeAsync(id, http, partners, (actor, version) => partners.RestoreAsync(actor, id, version, ct), ct))
            .WithName("RestorePartner")
            .Produces<PartnerDetails>()
            .WithSummary("Restore an archived partner (If-Match required)")
            .Versioned();
    }

    private static async Task<Results<Ok<PartnerListResponse>, ValidationProblem>> ListAsync(HttpContext http, PartnerService partners,
        string? q, string? stage, string? owner, string? region, SolutionArea? area, bool? overdue, bool? pending, bool? archived,
        PartnerSort? sort, bool? desc, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var stages = new List<Stage>();
        foreach (var name in (stage ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Stage>(name, ignoreCase: true, out var one) || !Enum.IsDefined(one))
            {
                return Invalid("stage", $"\"{name}\" is not a stage: use {string.Join(", ", Enum.GetNames<Stage>())}.");
            }

            stages.Add(one);
        }

        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var query = new PartnerQuery
        {
            Search = q?.Trim(), Stages = stages.Distinct().ToList(), OwnerId = owner, Region = region, SolutionArea = area,
            OverdueOnly = overdue ?? false, PendingRegressionOnly = pending ?? false, Archived = archived ?? false,
            Sort = sort ?? PartnerSort.Name, Descending = desc ?? false,
        };
        IReadOnlyList<object?>? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = ApiCursors.ReadList(cursor, query)) is null)
        {
            return Invalid("cursor", "This cursor is not valid for these filters and this sort: start again without one.");
        }

        var slice = await partners.ListAfterAsync(query, after, size, cancellationToken);
        var next = slice.NextAfter is { } last
            ? NextLink(http, "cursor", ApiCursors.ForList(query, last))
            : null;
        return TypedResults.Ok(new PartnerListResponse(slice.Rows, next));
    }

    private static async Task<Results<Ok<PartnerChangesResponse>, ValidationProblem>> ChangesAsync(HttpContext http, PartnerService partners,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<ApiOptions> options, string? since, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        (DateTime AtUtc, int Id)? position = null;
        if (!string.IsNullOrEmpty(since) && (position = ApiCursors.ReadChanges(since)) is null)
        {
            return Invalid("since", "This cursor is not valid: use the cursor of an earlier answer, or start again without one.");
        }

        var until = clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(options.Value.ChangeFeedSettleSeconds);
        var changes = await partners.ListChangedAsync(position?.AtUtc, position?.Id ?? 0, until, size, cancellationToken);
        var cursor = changes.Count > 0 ? ApiCursors.ForChanges(changes[^1].ChangedAtUtc, changes[^1].Partner.Id) : since ?? ApiCursors.ForChanges(DateTime.MinValue, 0);
        var next = changes.Count == size ? NextLink(http, "since", cursor) : null;
        return TypedResults.Ok(new PartnerChangesResponse(changes, cursor, next));
    }

    private static async Task<Results<Ok<PartnerDetails>, ProblemHttpResult>> GetAsync(int id, HttpContext http, PartnerService partners,
        CancellationToken cancellationToken)
    {
        var partner = await partners.GetAsync(id, cancellationToken);
        if (partner is null)
        {
            return TypedResults.Problem("This partner does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        http.Response.Headers.ETag = PartnerVersions.ETag(partner.RowVersion);
        return TypedResults.Ok(partner);
    }

    private static async Task<Results<Created<PartnerDetails>, ValidationProblem>> CreateAsync(PartnerInput input, HttpContext http,
        PartnerService partners, CancellationToken cancellationToken)
    {
        // Every invalid field named at once (the service refuses the first).
        if (Partner.DetailsProblems(input.Name, input.Region, input.JoinedProgrammeOn) is { Count: > 0 } problems)
        {
            return ApiErrors.Invalid(problems);
        }

        var id = await partners.CreateAsync(CurrentActor.From(http.User), input, cancellationToken);
        var created = (await partners.GetAsync(id, cancellationToken))!;
        http.Response.Headers.ETag = PartnerVersions.ETag(created.RowVersion);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/partners/{id}", created);
    }

    private static async Task<IResult> UpdateAsync(int id, PartnerInput input, HttpContext http, PartnerService partners, CancellationToken ct) =>
        Partner.DetailsProblems(input.Name, input.Region, input.JoinedProgrammeOn) is { Count: > 0 } problems
            ? ApiErrors.Invalid(problems)
            : await ChangeAsync(id, http, partners, (actor, version) => partners.UpdateAsync(actor, id, input, version, ct), ct);

    // Checks If-Match, makes the change, answers with the partner as it is now and its new ETag.
    public static async Task<IResult> ChangeAsync(int id, HttpContext http, PartnerService partners, Func<Core.Accounts.Actor, int, Task> change,
        CancellationToken cancellationToken)
    {
        var (version, refusal) = PartnerVersions.FromIfMatch(http);
        if (refusal is not null)
        {
            return refusal;
        }

        await change(CurrentActor.From(http.User), version!.Value);
        var partner = await partners.GetAsync(id, cancellationToken);
        if (partner is null)
        {
            return TypedResults.Problem("This partner does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        http.Response.Headers.ETag = PartnerVersions.ETag(partner.RowVersion);
        return TypedResults.Ok(partner);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Some fields are not valid.");

    // This request's own URL with one parameter replaced: the link to the next page.
    private static string NextLink(HttpContext http, string name, string value)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new(name, value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
    }
}
