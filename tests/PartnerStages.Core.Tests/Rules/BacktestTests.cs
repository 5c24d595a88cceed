using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

// A hand-built portfolio of three partners, backtested on 15 Aug 2025 under a draft that lowers
// Soaring's index bar from 75 to 60 (Inputs() has index 64.8 and meets every other Soaring condition;
// Inputs(fluency: 1) has 57.3).
//
// Alder   10 Jan Inputs()            recorded: first stage Hopeful          draft: first stage Soaring
//         10 Apr Inputs(fluency: 1)  recorded: Denial pending               draft: Plateau pending (was Soaring, momentum -7.5)
//         10 Jul Inputs(fluency: 1)  recorded: Hopeful → Denial (repeat)    draft: Denial pending instead (another regression)
// Birch    5 Feb Inputs()            recorded: first stage Hopeful          draft: first stage Soaring
//          1 Mar override to Soaring recorded: Hopeful → Soaring            draft: already Soaring: the override agrees
//         20 May Soaring()           recorded: stays Soaring                draft: stays Soaring
// Cedar    1 Apr Inputs(fluency: 1)  recorded: first stage Denial           draft: first stage Denial
//         15 Apr override to Despair recorded: Denial → Despair             draft: Denial → Despair: the override contradicts it
//
// Moves (first stages are not moves):  recorded Q1 1 (Birch), Q2 1 (Cedar), Q3 1 regression (Alder)
//                                      draft    Q1 0,        Q2 1 (Cedar), Q3 0
public sealed class BacktestTests
{
    private static readonly DateOnly Today = new(2025, 8, 15);
    private static readonly RuleSet Draft = TestData.Rules(soaringIndexAtLeast: 60, version: 2);

    private static DateOnly On(int month, int day) => new(2025, month, day);

    private static readonly PartnerRecord[] Portfolio =
    [
        new(1,
            [
                TestData.CheckIn(1, On(1, 10)),
                TestData.CheckIn(2, On(4, 10), TestData.Inputs(fluency: 1), Stage.Denial),
                TestData.CheckIn(3, On(7, 10), TestData.Inputs(fluency: 1), Stage.Denial),
            ],
            [
                TestData.Change(On(1, 10), null, Stage.Hopeful, assessmentId: 1),
                TestData.Change(On(7, 10), Stage.Hopeful, Stage.Denial, StageChangeCause.ConfirmedRegression, assessmentId: 3),
            ],
            []),
        new(2,
            [TestData.CheckIn(4, On(2, 5)), TestData.CheckIn(5, On(5, 20), TestData.Soaring(), Stage.Soaring)],
            [TestData.Change(On(2, 5), null, Stage.Hopeful, assessmentId: 4), TestData.Override(On(3, 1), Stage.Hopeful, Stage.Soaring)],
            []),
        new(3,
            [TestData.CheckIn(6, On(4, 1), TestData.Inputs(fluency: 1), Stage.Denial)],
            [TestData.Change(On(4, 1), null, Stage.Denial, assessmentId: 6), TestData.Override(On(4, 15), Stage.Denial, Stage.Despair)],
            []),
    ];

    [Fact]
    public void Moves_and_regressions_per_quarter_as_recorded_and_under_the_draft()
    {
        var result = Backtest.Run(Portfolio, Draft, Today);

        Assert.Equal((2, 3, 6), (result.DraftVersion, result.Partners, result.CheckIns));
        Assert.Equal(
        [
            new QuarterMoves(2025, 1, RecordedMoves: 1, RecordedRegressions: 0, DraftMoves: 0, DraftRegressions: 0),
            new QuarterMoves(2025, 2, RecordedMoves: 1, RecordedRegressions: 0, DraftMoves: 1, DraftRegressions: 0),
            new QuarterMoves(2025, 3, RecordedMoves: 1, RecordedRegressions: 1, DraftMoves: 0, DraftRegressions: 0),
        ], result.Quarters);
        Assert.Equal("2025 Q3", result.Quarters[^1].Label);
    }

    [Fact]
    public void Partners_per_stage_at_each_month_end_up_to_today()
    {
        var result = Backtest.Run(Portfolio, Draft, Today);

        // Denial, Despair, Hopeful, Soaring, Plateau at the ends of January to July (August has not ended).
        Assert.Equal([On(1, 31), On(2, 28), On(3, 31), On(4, 30), On(5, 31), On(6, 30), On(7, 31)], result.MonthEnds.Select(m => m.MonthEnd));
        int[][] recorded =
        [
            [0, 0, 1, 0, 0], // Alder Hopeful
            [0, 0, 2, 0, 0], // + Birch Hopeful
            [0, 0, 1, 1, 0], // Birch set to Soaring
            [0, 1, 1, 1, 0], // + Cedar, Denial then Despair by hand
            [0, 1, 1, 1, 0],
            [0, 1, 1, 1, 0],
            [1, 1, 0, 1, 0], // Alder down to Denial
        ];
        int[][] draft =
        [
            [0, 0, 0, 1, 0], // Alder Soaring
            [0, 0, 0, 2, 0], // + Birch Soaring
            [0, 0, 0, 2, 0],
            [0, 1, 0, 2, 0], // + Cedar Despair; Alder's regressions only pending
            [0, 1, 0, 2, 0],
            [0, 1, 0, 2, 0],
            [0, 1, 0, 2, 0],
        ];
        Stage[] order = [Stage.Denial, Stage.Despair, Stage.Hopeful, Stage.Soaring, Stage.Plateau];
        Assert.Equal(recorded, result.MonthEnds.Select(m => order.Select(m.Recorded).ToArray()));
        Assert.Equal(draft, result.MonthEnds.Select(m => order.Select(m.Draft).ToArray()));
    }

    [Fact]
    public void Overrides_the_draft_agrees_with_and_contradicts()
    {
        var result = Backtest.Run(Portfolio, Draft, Today);

        Assert.Equal((2, 1, 1), (result.Overrides, result.OverridesAgreed, result.OverridesContradicted));
    }

    [Fact]
    public void Under_the_version_that_recorded_it_the_backtest_finds_what_was_recorded_for_the_partner_without_a_hand_decision()
    {
        var alder = Portfolio[0];

        var result = Backtest.Run([alder], RuleSet.Default, Today);

        Assert.All(result.Quarters, q => Assert.Equal((q.RecordedMoves, q.RecordedRegressions), (q.DraftMoves, q.DraftRegressions)));
        Assert.All(result.MonthEnds, m => Assert.All(Enum.GetValues<Stage>(), s => Assert.Equal(m.Recorded(s), m.Draft(s))));
    }

    [Fact]
    public void An_empty_portfolio_has_no_quarter_and_no_month_end()
    {
        var result = Backtest.Run([], Draft, Today);

        Assert.Empty(result.Quarters);
        Assert.Empty(result.MonthEnds);
        Assert.Equal(0, result.OverridesContradicted);
    }
}
