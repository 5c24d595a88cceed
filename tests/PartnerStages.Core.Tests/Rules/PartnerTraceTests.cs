using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

// One partner, three check-ins, replayed under v1 and under a draft that lowers Soaring's bar to 60:
//   Jan  Inputs()            index 64.8   v1 Hopeful                 draft Soaring (every other Soaring condition holds)
//   Apr  Inputs(fluency: 1)  index 57.3   v1 Denial, held pending    draft Plateau (was Soaring, momentum -7.5), held pending
//   Jul  Inputs(fluency: 1)  index 57.3   v1 Denial again: confirmed draft Denial (momentum 0, no decline, index < 60):
//                                                                    a different regression, so a new wait
public sealed class PartnerTraceTests
{
    private static readonly RuleSet Draft = TestData.Rules(soaringIndexAtLeast: 60, version: 2);

    private static readonly PartnerRecord Partner = new(7,
    [
        TestData.CheckIn(1, new DateOnly(2025, 1, 10)),
        TestData.CheckIn(2, new DateOnly(2025, 4, 10), TestData.Inputs(fluency: 1), Stage.Denial),
        TestData.CheckIn(3, new DateOnly(2025, 7, 10), TestData.Inputs(fluency: 1), Stage.Denial),
    ], [], []);

    [Fact]
    public void Each_check_in_is_judged_under_both_versions_on_the_history_each_replay_built()
    {
        var rows = PartnerTrace.Of(Partner, RuleSet.Default, Draft);

        Assert.Equal([1, 2, 3], rows.Select(r => r.CheckIn.AssessmentId));
        Assert.Equal([Stage.Hopeful, Stage.Denial, Stage.Denial], rows.Select(r => r.Active.Verdict.Stage));
        Assert.Equal([Stage.Soaring, Stage.Plateau, Stage.Denial], rows.Select(r => r.Draft.Verdict.Stage));
        Assert.Equal([64.8, 57.3, 57.3], rows.Select(r => r.Draft.Verdict.MaturityIndex));
        Assert.Equal([null, -7.5, 0.0], rows.Select(r => r.Draft.Verdict.Momentum));
        Assert.Equal(Stage.Soaring, rows[1].Draft.History.PeakStage);
        Assert.Equal([true, true, false], rows.Select(r => r.VerdictsDiffer));
    }

    [Fact]
    public void Where_the_partner_stands_follows_the_regression_policy_in_each_replay()
    {
        var rows = PartnerTrace.Of(Partner, RuleSet.Default, Draft);

        Assert.Equal(
        [
            new StageStatus(Stage.Hopeful),
            new StageStatus(Stage.Hopeful, Stage.Denial),
            new StageStatus(Stage.Denial),
        ], rows.Select(r => r.Active.Status));
        Assert.Equal(
        [
            new StageStatus(Stage.Soaring),
            new StageStatus(Stage.Soaring, Stage.Plateau),
            new StageStatus(Stage.Soaring, Stage.Denial),
        ], rows.Select(r => r.Draft.Status));
        Assert.Equal([StageOutcome.Started, StageOutcome.RegressionPending, StageOutcome.RegressionConfirmedByRepeat], rows.Select(r => r.Active.Outcome));
    }

    [Fact]
    public void The_owner_s_override_and_confirmation_land_between_the_check_ins_recorded_around_them()
    {
        var partner = Partner with
        {
            Changes =
            [
                TestData.Change(new DateOnly(2025, 1, 10), null, Stage.Hopeful),
                // Between April and July the owner confirms the pending Denial, then overrides it to Despair.
                TestData.Change(new DateOnly(2025, 5, 1), Stage.Hopeful, Stage.Denial, StageChangeCause.ConfirmedRegression, assessmentId: null),
                TestData.Override(new DateOnly(2025, 6, 1), Stage.Denial, Stage.Despair),
            ],
        };

        var underActive = HistoryReplay.Replay(partner, _ => RuleSet.Default);
        var underDraft = HistoryReplay.Replay(partner, _ => Draft);

        // v1: Hopeful, Denial confirmed, Despair by hand, then the July Denial is a regression from Despair again.
        Assert.Equal(
            [(null, Stage.Hopeful, StageChangeCause.Rules), (Stage.Hopeful, Stage.Denial, StageChangeCause.ConfirmedRegression),
             (Stage.Denial, Stage.Despair, StageChangeCause.Override)],
            underActive.Moves.Select(m => (m.From, m.To, m.Cause)));
        Assert.Equal(new StageStatus(Stage.Despair, Stage.Denial), underActive.Status);
        // The draft held Plateau pending, not Denial: the confirmation confirms nothing; the override still applies.
        Assert.Equal(
            [(null, Stage.Soaring, StageChangeCause.Rules), (Stage.Soaring, Stage.Despair, StageChangeCause.Override)],
            underDraft.Moves.Select(m => (m.From, m.To, m.Cause)));
        Assert.Equal([Stage.Plateau], underDraft.Overrides.Select(o => o.Verdict));
        Assert.False(underDraft.Overrides[0].Agrees);
    }
}
