namespace PartnerStages.Core.Rules;

// One check-in of a partner's trace: as recorded, and replayed under the active version and under the draft.
public sealed record TraceRow(RecordedCheckIn CheckIn, ReplayedCheckIn Active, ReplayedCheckIn Draft)
{
    public bool VerdictsDiffer => Active.Verdict.Stage != Draft.Verdict.Stage;

    public bool StandingsDiffer => Active.Status != Draft.Status;
}

// The rules lab's one-partner trace (issue 15): the partner's whole history replayed check-in by
// check-in under both versions, each replay building its own history (HistoryReplay).
public static class PartnerTrace
{
    public static IReadOnlyList<TraceRow> Of(PartnerRecord partner, RuleSet active, RuleSet draft)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(draft);
        var underActive = HistoryReplay.Replay(partner, _ => active).CheckIns;
        var underDraft = HistoryReplay.Replay(partner, _ => draft).CheckIns;
        return [.. underActive.Zip(underDraft, (a, d) => new TraceRow(a.CheckIn, a, d))];
    }
}
