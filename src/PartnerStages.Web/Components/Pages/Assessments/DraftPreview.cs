using System.Globalization;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;

namespace PartnerStages.Web.Components.Pages.Assessments;

// What the form shows for a draft: the message next to each field and the verdict saving it would
// give. Pure, so it runs on every keystroke.
public sealed record DraftPreview(IReadOnlyDictionary<string, string> Errors, Verdict? Verdict, StageOutcome? Outcome, string Waiting)
{
    private static readonly string[] RatingFields =
    [
        nameof(AssessmentDraft.ProgrammeFluency), nameof(AssessmentDraft.DeliveryConfidence),
        nameof(AssessmentDraft.InvestmentConviction), nameof(AssessmentDraft.Agility), nameof(AssessmentDraft.GoalAlignment),
    ];

    // Until the first save attempt, an unchosen rating or an empty date is not a mistake yet.
    public static DraftPreview Of(AssessmentDraft draft, AssessmentContext context, Stage? pendingRegression, DateOnly today, bool submitted)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var inputs = draft.ToInputs();
        var problems = AssessmentValidation.Validate(inputs);
        var unrated = problems.Where(p => RatingFields.Contains(p.Field) && RatingOf(draft, p.Field) == 0).ToList();
        var errors = problems
            .Where(p => submitted || !unrated.Contains(p))
            .GroupBy(p => p.Field)
            .ToDictionary(g => g.Key, g => g.First().Message);
        var dateProblem = CheckInRules.DateProblem(draft.AssessedOnDate, context.LastAssessedOn, today);
        if (dateProblem is not null && (submitted || draft.AssessedOn is not null))
        {
            errors[nameof(AssessmentDraft.AssessedOn)] = dateProblem;
        }

        if (problems.Count > 0)
        {
            var waiting = unrated.Count == problems.Count
                ? $"Rate the {(unrated.Count == 1 ? "last judgement" : $"{unrated.Count.ToString(CultureInfo.CurrentCulture)} remaining judgements")} to see the verdict."
                : "Correct the marked fields to see the verdict.";
            return new(errors, null, null, waiting);
        }

        var verdict = context.Preview(inputs, draft.AssessedOnDate ?? today);
        var outcome = context.CurrentStage is { } current
            ? new StageStatus(current, pendingRegression).Apply(verdict.Stage).Outcome
            : StageOutcome.Started;
        return new(errors, verdict, outcome, "");
    }

    private static int RatingOf(AssessmentDraft draft, string field) => field switch
    {
        nameof(AssessmentDraft.ProgrammeFluency) => draft.ProgrammeFluency,
        nameof(AssessmentDraft.DeliveryConfidence) => draft.DeliveryConfidence,
        nameof(AssessmentDraft.InvestmentConviction) => draft.InvestmentConviction,
        nameof(AssessmentDraft.Agility) => draft.Agility,
        _ => draft.GoalAlignment,
    };
}
