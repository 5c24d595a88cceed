using Microsoft.AspNetCore.Http.HttpResults;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Api;

// A partner's check-ins and the decisions on its stage: the same service calls as the partner page
// and the check-in form, so the rules, the regression policy and the audit entries are theirs.
internal static class StageEndpoints
{
    public static void MapStageEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/partners/{id:int}/check-ins", ListCheckInsAsync)
            .WithName("ListCheckIns")
            .WithSummary("A partner's check-ins, newest first, with the explanation of the latest standing verdict")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/partners/{id:int}/check-ins", RecordAsync)
            .WithName("RecordCheckIn")
            .WithSummary("Record a check-in: the rules judge it, the regression policy applies, and the answer holds the verdict, why, and the path forward")
            .Produces<CheckInRecorded>(StatusCodes.Status201Created)
            .Versioned();

        api.MapGet("/partners/{id:int}/stage-history", HistoryAsync)
            .WithName("GetStageHistory")
            .WithSummary("A partner's stage changes, newest first, with their causes")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/partners/{id:int}/pending-regression/confirm",
                (int id, HttpContext http, PartnerService partners, AssessmentService assessments, CancellationToken ct) =>
                PartnerEndpoints.ChangeAsync(id, http, partners, (actor, version) => assessments.ConfirmRegressionAsync(actor, id, version, ct), ct))
            .WithName("ConfirmRegression")
            .WithSummary("Confirm the partner's pending regression: its stage becomes the lower one")
            .Produces<PartnerDetails>()
            .Versioned();

        api.MapPost("/partners/{id:int}/pending-regression/dismiss",
                (int id, HttpContext http, PartnerService partners, AssessmentService assessments, CancellationToken ct) =>
                PartnerEndpoints.ChangeAsync(id, http, partners, (actor, version) => assessments.DismissRegressionAsync(actor, id, version, ct), ct))
            .WithName("DismissRegression")
            .WithSummary("Dismiss the partner's pending regression: its stage stays")
            .Produces<PartnerDetails>()
            .Versioned();

        api.MapPost("/partners/{id:int}/override",
                (int id, OverrideRequest request, HttpContext http, PartnerService partners, AssessmentService assessments, CancellationToken ct) =>
                PartnerEndpoints.ChangeAsync(id, http, partners,
                    (actor, version) => assessments.OverrideAsync(actor, id, request.Stage, request.Reason, version, ct), ct))
            .WithName("OverrideStage")
            .WithSummary("Override the partner's stage, with a written reason")
            .Produces<PartnerDetails>()
            .Versioned();
    }

    private static Task<Results<Ok<CheckInList>, ProblemHttpResult>> ListCheckInsAsync(int id, PartnerService partners,
        CancellationToken cancellationToken) =>
        FromTimelineAsync(id, partners, timeline => new CheckInList(timeline.Assessments, timeline.LatestVerdict), cancellationToken);

    private static Task<Results<Ok<StageHistory>, ProblemHttpResult>> HistoryAsync(int id, PartnerService partners,
        CancellationToken cancellationToken) =>
        FromTimelineAsync(id, partners, timeline => new StageHistory(timeline.StageChanges), cancellationToken);

    // The partner and its timeline on one context, as the partner page reads them; 404 when there is no such partner.
    private static async Task<Results<Ok<T>, ProblemHttpResult>> FromTimelineAsync<T>(int id, PartnerService partners,
        Func<PartnerTimeline, T> answer, CancellationToken cancellationToken) =>
        await partners.GetPageAsync(id, cancellationToken) is { Timeline: var timeline }
            ? TypedResults.Ok(answer(timeline))
            : NotFound();

    private static async Task<IResult> RecordAsync(int id, CheckInRequest request, HttpContext http, PartnerService partners,
        AssessmentService assessments, CancellationToken cancellationToken)
    {
        var (version, refusal) = PartnerVersions.FromIfMatch(http);
        if (refusal is not null)
        {
            return refusal;
        }

        // Every input out of range at once, in the form's words; the service would stop at the first.
        if (AssessmentValidation.Validate(request.Inputs) is { Count: > 0 } errors)
        {
            return ApiErrors.Invalid(errors);
        }

        var recorded = await assessments.RecordAsync(CurrentActor.From(http.User), id, request.Inputs, request.AssessedOn ?? assessments.Today,
            request.Evidence, version!.Value, cancellationToken);
        var partner = await partners.GetAsync(id, cancellationToken);
        var newVersion = partner?.RowVersion ?? version.Value + 1;
        http.Response.Headers.ETag = PartnerVersions.ETag(newVersion);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/partners/{id}/check-ins",
            new CheckInRecorded(recorded.AssessmentId, recorded.Outcome, recorded.CurrentStage, recorded.PendingRegression, newVersion, recorded.Verdict));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("This partner does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
