using CsCheck;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class StageReplayTests
{
    private const long Iterations = 2_000;
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Gen<Stage> AnyStage = Gen.Enum<Stage>();

    // 0: a check-in's verdict (most of a history), 1: an override, 2: a confirmation, 3: a dismissal.
    private static readonly Gen<(int Kind, Stage Stage)> AnyStep =
        Gen.Select(Gen.Frequency((6, Gen.Const(0)), (1, Gen.Const(1)), (2, Gen.Const(2)), (2, Gen.Const(3))), AnyStage);

    private static readonly Gen<List<StageEvent>> Histories = AnyStep.List[0, 30].Select(steps => steps
        .Select((step, i) => step.Kind switch
        {
            0 => (StageEvent)new VerdictEvent(Start.AddMinutes(i), step.Stage),
            1 => new OverrideEvent(Start.AddMinutes(i), step.Stage, "Knows something the portal does not"),
            2 => new ConfirmationEvent(Start.AddMinutes(i), step.Stage),
            _ => new DismissalEvent(Start.AddMinutes(i), step.Stage),
        })
        .ToList());

    [Fact]
    public void Replay_gives_what_the_partner_reached_when_the_events_happened_one_by_one() =>
        Histories.Sample(events =>
        {
            var partner = new Partner("Contoso", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager");
            var day = TestData.AssessedOn;
            foreach (var e in events)
            {
                switch (e)
                {
                    case VerdictEvent v:
                        partner.RecordVerdict(TestData.Verdict(v.Verdict), day);
                        break;
                    case OverrideEvent o when partner.Status is not null:
                        partner.Override(o.Stage, o.Reason, day);
                        break;
                    case ConfirmationEvent c when partner.PendingRegression == c.To:
                        partner.ConfirmRegression(day);
                        break;
                    case DismissalEvent d when partner.PendingRegression == d.Dismissed:
                        partner.DismissRegression(day);
                        break;
                }
            }

            return StageReplay.Replay(events) == partner.Status;
        }, iter: Iterations);

    [Fact]
    public void Replay_does_not_depend_on_the_order_the_events_are_given_in() =>
        Gen.Select(Histories, Gen.Int).Sample((events, seed) =>
        {
            var shuffled = events.OrderBy(_ => new Random(seed).Next()).ToList();
            return StageReplay.Replay(shuffled) == StageReplay.Replay(events);
        }, iter: Iterations);

    [Fact]
    public void A_history_of_verdicts_replays_as_the_regression_policy_applied_in_turn() =>
        AnyStage.List[1, 20].Sample(verdicts =>
        {
            StageStatus? expected = null;
            foreach (var verdict in verdicts)
            {
                expected = StageStatus.Judge(expected, verdict).Status;
            }

            return StageReplay.Replay(verdicts.Select((v, i) => new VerdictEvent(Start.AddMinutes(i), v))) == expected;
        }, iter: Iterations);

    [Fact]
    public void Without_a_verdict_there_is_no_stage_whatever_was_decided() =>
        Assert.Null(StageReplay.Replay([
            new OverrideEvent(Start, Stage.Soaring, "Strategic account"),
            new ConfirmationEvent(Start.AddMinutes(1), Stage.Despair),
        ]));

    [Fact]
    public void A_check_in_and_a_decision_recorded_in_the_same_instant_replay_check_in_first()
    {
        var status = StageReplay.Replay([
            new OverrideEvent(Start, Stage.Soaring, "Strategic account"),
            new VerdictEvent(Start, Stage.Despair),
        ]);

        Assert.Equal(new StageStatus(Stage.Soaring, null, new StageOverride(Stage.Soaring, "Strategic account")), status);
    }
}
