using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

public enum StageOutcome
{
    // The verdict matched the current stage; any pending regression it did not repeat is dropped.
    Unchanged,
    Started,
    Improved,
    RegressionPending,
    RegressionConfirmedByRepeat,
    RegressionConfirmed,
    RegressionDismissed,
    Overridden,
}

public sealed record StageOverride(Stage Stage, string Reason);

// A stage move for the data layer to record as a StageChange row; From is null for a partner's first stage.
public sealed record StageTransition(Stage? From, Stage To, StageChangeCause Cause);

public sealed record StageUpdate(StageStatus Status, StageOutcome Outcome, StageTransition? Change);

// The regression policy (DESIGN.md §3) as pure transitions. Improvements apply at once; a verdict
// worse in health order is held as pending until the owner confirms it or the next assessment
// repeats it. An override sets the stage with a reason and stands until the next verdict, which is
// then judged against the overridden stage like any other (the rules are never silenced for good).
public sealed record StageStatus(Stage Current, Stage? Pending = null, StageOverride? Override = null)
{
    public static StageUpdate Start(Stage verdict) =>
        new(new StageStatus(verdict), StageOutcome.Started, new StageTransition(null, verdict, StageChangeCause.Rules));

    // A verdict landing on a partner: null is a partner with no stage yet, whose first verdict starts it.
    public static StageUpdate Judge(StageStatus? status, Stage verdict) => status is null ? Start(verdict) : status.Apply(verdict);

    public StageUpdate Apply(Stage verdict)
    {
        if (verdict == Current)
        {
            return new(new StageStatus(Current), StageOutcome.Unchanged, null);
        }

        if (verdict.IsHealthierThan(Current))
        {
            return Move(verdict, StageOutcome.Improved, StageChangeCause.Rules);
        }

        // Plateau and Hopeful differ in health, so "worse" covers every other stage. A different
        // regression than the pending one starts a new wait rather than confirming the old one.
        return Pending == verdict
            ? Move(verdict, StageOutcome.RegressionConfirmedByRepeat, StageChangeCause.ConfirmedRegression)
            : new(new StageStatus(Current, verdict), StageOutcome.RegressionPending, null);
    }

    // A newly published rule set's verdict on a check-in already judged (re-evaluation). It is not a
    // new observation of the partner, so it never confirms a pending regression by repeating it:
    // an improvement applies at once, a regression waits for the owner or the next check-in.
    public StageUpdate Reconsider(Stage verdict)
    {
        if (verdict == Current)
        {
            return new(new StageStatus(Current), StageOutcome.Unchanged, null);
        }

        return verdict.IsHealthierThan(Current)
            ? Move(verdict, StageOutcome.Improved, StageChangeCause.RuleSetPublished)
            : new(new StageStatus(Current, verdict), StageOutcome.RegressionPending, null);
    }

    public StageUpdate ConfirmPending()
    {
        var pending = Pending ?? throw new InvalidOperationException("There is no pending regression to confirm.");
        return Move(pending, StageOutcome.RegressionConfirmed, StageChangeCause.ConfirmedRegression);
    }

    public StageUpdate DismissPending()
    {
        if (Pending is null)
        {
            throw new InvalidOperationException("There is no pending regression to dismiss.");
        }

        return new(this with { Pending = null }, StageOutcome.RegressionDismissed, null);
    }

    public StageUpdate OverrideWith(Stage stage, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A reason is required to override the stage.", nameof(reason));
        }

        // Recorded even when the stage stays: it sets a reason and drops any pending regression,
        // which a replay of the history (HistoryReplay, StageReplay) can only repeat if it is stored.
        var status = new StageStatus(stage, null, new StageOverride(stage, reason.Trim()));
        return new(status, StageOutcome.Overridden, new StageTransition(Current, stage, StageChangeCause.Override));
    }

    private StageUpdate Move(Stage to, StageOutcome outcome, StageChangeCause cause) =>
        new(new StageStatus(to), outcome, new StageTransition(Current, to, cause));
}
