using CsCheck;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

// Replay fidelity: a history recorded the way the app records it (Partner.HistoryOn → Judge →
// Partner.RecordVerdict; Partner.Override; Partner.ConfirmRegression; Partner.DismissRegression, each
// change and dismissal kept as the data layer keeps it) and replayed by HistoryReplay under the rule
// sets that recorded each check-in gives back every stored verdict, stage, pending regression and
// override, and the same stage changes.
//
// What the generator leaves out, because the replay does not model it: re-evaluation at a publish (Partner.Reconsider: its moves are stored but not replayed) and voided check-ins (a
// replay reads only the standing ones). Check-ins are recorded in date order, as they are entered;
// a back-dated check-in is judged on the partner's latest verdict, which the date-ordered replay does not.
public class HistoryReplayPropertyTests
{
    private const string Reason = "Known better";

    private static readonly RuleSet Version1 = RuleSet.Default;

    // A second version that decides differently on every rule the replay carries forward.
    private static readonly RuleSet Version2 = RuleSet.Default with
    {
        Version = 2,
        Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 60, FieldContactsAtLeast = 1 },
        Plateau = RuleSet.Default.Plateau with { DeclineMomentumAtMost = -2, AgilityAtMost = 3 },
        Denial = RuleSet.Default.Denial with { ProgrammeFluencyAtMost = 1 },
        Despair = RuleSet.Default.Despair with { DeliveryConfidenceAtMost = 3 },
    };

    private static readonly Gen<Stage> AnyStage = Gen.Enum<Stage>();

    // Kind 0–5 a check-in, 6–7 an override, 8–9 confirming and 10–11 dismissing the pending regression
    // (when there is one).
    private static readonly Gen<(int Kind, AssessmentInputs Inputs, Stage Stage, int Days)> Step =
        Gen.Select(Gen.Int[0, 11], StageClassifierPropertyTests.Inputs, AnyStage, Gen.Int[0, 45]);

    private static readonly Gen<(List<(int Kind, AssessmentInputs Inputs, Stage Stage, int Days)> Steps, int SwitchAt)> Histories =
        Gen.Select(Step.List[1, 25], Gen.Int[0, 15]);

    [Fact]
    public void Replaying_a_recorded_history_under_its_rule_sets_gives_back_what_was_stored() =>
        Histories.Sample(h => Assert.Equal(Recorded.Of(h.Steps, h.SwitchAt).Expected, Replayed(Recorded.Of(h.Steps, h.SwitchAt))), iter: 2_000);

    // The case the property found: an override that keeps the stage was not stored (no change), so
    // the replay kept the Despair it dropped pending and confirmed it when the next check-in repeated it.
    [Fact]
    public void An_override_that_keeps_the_stage_and_drops_a_pending_regression_is_replayed()
    {
        var hopeful = TestData.Inputs();
        var despair = TestData.Inputs(delivery: 2);
        var recorded = Recorded.Of(
        [
            (0, hopeful, Stage.Hopeful, 0), (0, despair, Stage.Hopeful, 30), (6, hopeful, Stage.Hopeful, 1), (0, despair, Stage.Hopeful, 30),
        ], switchAt: 99);

        Assert.Equal(new StageStatus(Stage.Hopeful, Stage.Despair), recorded.Expected.Status);
        Assert.Equal(recorded.Expected, Replayed(recorded));
    }

    private static Outcome Replayed(Recorded recorded)
    {
        var result = HistoryReplay.Replay(recorded.Partner, c => c.RuleSetVersion == Version2.Version ? Version2 : Version1);
        return new Outcome(
            [.. result.CheckIns.Select(c => new CheckInOutcome(c.CheckIn.AssessmentId, c.Verdict, c.Status))],
            [.. result.Moves.Select(m => (m.On, m.From, m.To, m.Cause))],
            result.Status);
    }

    // What the app stored: each check-in's verdict and the stage standing after it, every stage change, the final standing.
    private sealed record Outcome(IReadOnlyList<CheckInOutcome> CheckIns, IReadOnlyList<(DateOnly On, Stage? From, Stage To, StageChangeCause Cause)> Moves,
        StageStatus? Status)
    {
        public bool Equals(Outcome? other) => other is not null && CheckIns.SequenceEqual(other.CheckIns) && Moves.SequenceEqual(other.Moves)
            && Status == other.Status;

        public override int GetHashCode() => CheckIns.Count;

        public override string ToString() =>
            $"check-ins: {string.Join("; ", CheckIns)}\nmoves: {string.Join("; ", Moves)}\nstatus: {Status}";
    }

    private sealed record CheckInOutcome(int AssessmentId, AssessmentVerdict Verdict, StageStatus Status);

    private sealed record Recorded(PartnerRecord Partner, Outcome Expected)
    {
        public static Recorded Of(List<(int Kind, AssessmentInputs Inputs, Stage Stage, int Days)> steps, int switchAt)
        {
            var partner = new Partner("Contoso", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager");
            var checkIns = new List<RecordedCheckIn>();
            var changes = new List<RecordedChange>();
            var dismissals = new List<RecordedDismissal>();
            var outcomes = new List<CheckInOutcome>();
            var day = TestData.JoinedOn;
            var at = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

            void Keep(StageUpdate update, int? assessmentId, string? reason)
            {
                if (update.Change is { } change)
                {
                    changes.Add(new RecordedChange(day, at, change.From, change.To, change.Cause, reason, assessmentId));
                }
            }

            foreach (var (kind, inputs, stage, days) in steps)
            {
                day = day.AddDays(days);
                at = Later(at, day);
                if (kind <= 5)
                {
                    var rules = checkIns.Count >= switchAt ? Version2 : Version1;
                    var history = partner.HistoryOn(day);
                    var verdict = StageClassifier.Judge(inputs, history, rules);
                    var update = partner.RecordVerdict(verdict, day);
                    var id = checkIns.Count + 1;
                    checkIns.Add(new RecordedCheckIn(id, day, at, inputs, history.TenureMonths, verdict.Stage, verdict.RuleSetVersion));
                    Keep(update, id, reason: null);
                    outcomes.Add(new CheckInOutcome(id, verdict, partner.Status!));
                }
                else if (kind <= 7 && partner.Status is not null)
                {
                    Keep(partner.Override(stage, Reason, day), assessmentId: null, Reason);
                }
                else if (kind is 8 or 9 && partner.PendingRegression is not null)
                {
                    Keep(partner.ConfirmRegression(day), assessmentId: null, reason: null);
                }
                else if (kind > 9 && partner.PendingRegression is { } pending)
                {
                    // As AssessmentService keeps it: a row of its own, no stage change.
                    Keep(partner.DismissRegression(day), assessmentId: null, reason: null);
                    dismissals.Add(new RecordedDismissal(day, at, pending));
                }
            }

            return new Recorded(
                new PartnerRecord(1, checkIns, changes, dismissals),
                new Outcome(outcomes, [.. changes.Select(c => (c.On, c.From, c.To, c.Cause))], partner.Status));
        }

        // Every event is recorded after the one before it, on its own day.
        private static DateTime Later(DateTime previous, DateOnly day)
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return previous >= start ? previous.AddMinutes(1) : start;
        }
    }
}
