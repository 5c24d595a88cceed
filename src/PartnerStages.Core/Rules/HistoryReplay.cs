using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// A standing check-in as recorded: its inputs, the tenure the rules read that day (the join date can
// be corrected later) and the verdict it was given.
public sealed record RecordedCheckIn(int AssessmentId, DateOnly AssessedOn, DateTime RecordedAtUtc, AssessmentInputs Inputs,
    int TenureMonths, Stage Verdict, int RuleSetVersion);

// A recorded move of a partner's stage. AssessmentId is null for the owner's own decisions
// (an override, a confirmed regression), which a replay applies where they were recorded.
public sealed record RecordedChange(DateOnly On, DateTime RecordedAtUtc, Stage? From, Stage To, StageChangeCause Cause,
    string? Reason, int? AssessmentId = null)
{
    public bool IsOwnersDecision => AssessmentId is null && Cause is StageChangeCause.Override or StageChangeCause.ConfirmedRegression;

    public bool IsRegression => From is { } from && To.IsWorseThan(from);
}

// The owner dismissing a pending regression (no stage change; the replay lands it where it was recorded).
public sealed record RecordedDismissal(DateOnly On, DateTime RecordedAtUtc, Stage Dismissed);

// One partner's whole recorded history: check-ins in date order, stage changes and dismissals in the order recorded.
public sealed record PartnerRecord(int PartnerId, IReadOnlyList<RecordedCheckIn> CheckIns, IReadOnlyList<RecordedChange> Changes,
    IReadOnlyList<RecordedDismissal> Dismissals);

// A check-in judged again: the history the replay gave it, the verdict and where the partner stands after it.
public sealed record ReplayedCheckIn(RecordedCheckIn CheckIn, PartnerHistory History, AssessmentVerdict Verdict, StageStatus Status,
    StageOutcome Outcome);

public sealed record ReplayedMove(DateOnly On, Stage? From, Stage To, StageChangeCause Cause)
{
    public bool IsRegression => From is { } from && To.IsWorseThan(from);
}

// A recorded override beside the verdict the replayed rules gave the check-in it overruled.
public sealed record OverrideVerdict(RecordedChange Override, Stage? Verdict)
{
    // The rules say what the manager said: the override would not have been needed.
    public bool Agrees => Verdict == Override.To;
}

public sealed record ReplayResult(IReadOnlyList<ReplayedCheckIn> CheckIns, IReadOnlyList<ReplayedMove> Moves,
    IReadOnlyList<OverrideVerdict> Overrides, StageStatus? Status);

public static class HistoryReplay
{
    // Replays a partner's history with today's regression policy (StageStatus): each check-in, in
    // date order, judged by rulesFor(it) on the history the replay itself has built so far (previous
    // verdict, peak, previous index under the same rules); the owner's overrides, confirmations and
    // dismissals land where they were recorded (after the check-ins recorded before them, as StageReplay orders).
    public static ReplayResult Replay(PartnerRecord partner, Func<RecordedCheckIn, RuleSet> rulesFor)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(rulesFor);
        var decisions = partner.Changes.Where(c => c.IsOwnersDecision)
            .Select(c => c.Cause == StageChangeCause.Override
                ? new Decision(c.On, new OverrideEvent(c.RecordedAtUtc, c.To, c.Reason ?? "Override"), c)
                : new Decision(c.On, new ConfirmationEvent(c.RecordedAtUtc, c.To), null))
            .Concat(partner.Dismissals.Select(d => new Decision(d.On, new DismissalEvent(d.RecordedAtUtc, d.Dismissed), null)))
            .OrderBy(d => d.Event.RecordedAtUtc)
            .ToList();
        var checkIns = new List<ReplayedCheckIn>(partner.CheckIns.Count);
        var moves = new List<ReplayedMove>();
        var overrides = new List<OverrideVerdict>();
        StageStatus? status = null;
        Stage? previous = null, peak = null;
        double? previousIndex = null;
        int next = 0;

        void Decide(Decision decision)
        {
            if (status is null)
            {
                return;
            }

            if (decision.Override is { } recordedOverride)
            {
                overrides.Add(new OverrideVerdict(recordedOverride, previous));
            }

            if (decision.Event.Update(status) is { } update)
            {
                Land(update, decision.On);
            }
        }

        void Land(StageUpdate update, DateOnly on)
        {
            status = update.Status;
            if (update.Change is { } change)
            {
                moves.Add(new ReplayedMove(on, change.From, change.To, change.Cause));
            }
        }

        foreach (var checkIn in partner.CheckIns.OrderBy(c => c.AssessedOn).ThenBy(c => c.AssessmentId))
        {
            while (next < decisions.Count && decisions[next].Event.RecordedAtUtc < checkIn.RecordedAtUtc)
            {
                Decide(decisions[next++]);
            }

            var history = new PartnerHistory(checkIn.AssessedOn, checkIn.AssessedOn.AddMonths(-checkIn.TenureMonths), previous, peak, previousIndex);
            var rules = rulesFor(checkIn);
            var verdict = StageClassifier.Judge(checkIn.Inputs, history, rules);
            var update = StageStatus.Judge(status, verdict.Stage);
            Land(update, checkIn.AssessedOn);
            checkIns.Add(new ReplayedCheckIn(checkIn, history, verdict, update.Status, update.Outcome));
            (previous, peak, previousIndex) = (verdict.Stage, peak.PeakWith(verdict.Stage), verdict.MaturityIndex);
        }

        while (next < decisions.Count)
        {
            Decide(decisions[next++]);
        }

        return new ReplayResult(checkIns, moves, overrides, status);
    }

    // An owner's decision as the replay lands it; Override is the recorded override, for OverrideVerdict.
    private sealed record Decision(DateOnly On, StageEvent Event, RecordedChange? Override);
}
