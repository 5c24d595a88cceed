namespace PartnerStages.Core.Rules;

// One event in a partner's stage history, as recorded: a check-in's verdict, an override, or the
// owner confirming or dismissing a pending regression.
public abstract record StageEvent(DateTime RecordedAtUtc)
{
    // What the event does to the status before it (null while the partner has no stage yet); null when
    // it changes nothing. The one statement of how each recorded event lands, for StageReplay and
    // HistoryReplay alike.
    internal abstract StageUpdate? Update(StageStatus? status);

    internal StageStatus? ApplyTo(StageStatus? status) => Update(status) is { } update ? update.Status : status;

    // A check-in and a manual change recorded in the same instant: the check-in came first.
    internal virtual int Order => 1;
}

public sealed record VerdictEvent(DateTime RecordedAtUtc, Stage Verdict) : StageEvent(RecordedAtUtc)
{
    internal override int Order => 0;

    internal override StageUpdate? Update(StageStatus? status) => StageStatus.Judge(status, Verdict);
}

public sealed record OverrideEvent(DateTime RecordedAtUtc, Stage Stage, string Reason) : StageEvent(RecordedAtUtc)
{
    internal override StageUpdate? Update(StageStatus? status) => status?.OverrideWith(Stage, Reason);
}

public sealed record ConfirmationEvent(DateTime RecordedAtUtc, Stage To) : StageEvent(RecordedAtUtc)
{
    // A confirmation of a regression the replay no longer holds pending changes nothing.
    internal override StageUpdate? Update(StageStatus? status) =>
        status?.Pending == To ? status.ConfirmPending() : null;
}

public sealed record DismissalEvent(DateTime RecordedAtUtc, Stage Dismissed) : StageEvent(RecordedAtUtc)
{
    // A dismissal of a regression the replay no longer holds pending changes nothing.
    internal override StageUpdate? Update(StageStatus? status) =>
        status?.Pending == Dismissed ? status.DismissPending() : null;
}

public static class StageReplay
{
    // The status a history leads to, replayed in the order it was recorded; the events may come in
    // any order. Used when a check-in is voided: the partner's stage is what the rest gives.
    public static StageStatus? Replay(IEnumerable<StageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        StageStatus? status = null;
        foreach (var e in events.OrderBy(e => e.RecordedAtUtc).ThenBy(e => e.Order))
        {
            status = e.ApplyTo(status);
        }

        return status;
    }
}
