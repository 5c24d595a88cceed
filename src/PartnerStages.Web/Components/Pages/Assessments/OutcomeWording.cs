using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;

namespace PartnerStages.Web.Components.Pages.Assessments;

// What an assessment does to the partner's stage, in the preview (before) and the snackbar (after).
public static class OutcomeWording
{
    public static string Preview(StageOutcome? outcome, Stage? current) => (outcome, current) switch
    {
        (StageOutcome.Started, _) or (_, null) => "the partner's first stage",
        (StageOutcome.Unchanged, { } c) => $"stays {c.DisplayName()}",
        (StageOutcome.Improved, { } c) => $"up from {c.DisplayName()}",
        (StageOutcome.RegressionConfirmedByRepeat, { } c) => $"down from {c.DisplayName()}: it repeats the pending regression, so it takes effect",
        (StageOutcome.RegressionPending, { } c) => $"a step down from {c.DisplayName()}: it would wait for confirmation",
        _ => "",
    };

    public static string Saved(RecordedAssessment recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var stage = recorded.CurrentStage.DisplayName();
        return recorded.Outcome switch
        {
            StageOutcome.Started => $"Assessment saved. The first stage is {stage}.",
            StageOutcome.Improved => $"Assessment saved. Stage is now {stage}.",
            StageOutcome.RegressionConfirmedByRepeat => $"Assessment saved. Stage is now {stage}: the same verdict twice confirms the regression.",
            StageOutcome.RegressionPending => $"Assessment saved. Regression to {recorded.PendingRegression?.DisplayName()} is pending confirmation.",
            _ => $"Assessment saved. Stage stays {stage}.",
        };
    }
}
