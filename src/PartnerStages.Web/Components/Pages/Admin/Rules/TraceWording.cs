using PartnerStages.Core;
using PartnerStages.Core.Rules;

namespace PartnerStages.Web.Components.Pages.Admin.Rules;

// How a replayed check-in landed on the partner's stage, for the trace (the regression policy's words).
public static class TraceWording
{
    public static string Standing(StageStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Pending is { } pending
            ? $"{status.Current.DisplayName()} ({pending.DisplayName()} pending)"
            : status.Current.DisplayName();
    }

    public static string Landed(ReplayedCheckIn step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var current = step.Status.Current.DisplayName();
        return step.Outcome switch
        {
            StageOutcome.Started => $"first stage: {current}",
            StageOutcome.Improved => $"up to {current}",
            StageOutcome.RegressionPending => $"a step down, waiting for confirmation: stays {current}",
            StageOutcome.RegressionConfirmedByRepeat => $"down to {current}: it repeats the pending regression",
            _ => $"stays {current}",
        };
    }
}
