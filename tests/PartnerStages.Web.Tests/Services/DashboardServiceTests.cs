using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

// Every figure on HandBuiltPortfolio, worked out on paper.
public sealed class DashboardServiceTests : ServiceTestBase
{
    private static readonly DateOnly From = new(2026, 6, 1);

    private DashboardService Dashboard => Get<DashboardService>();

    private Task<DashboardFigures> FiguresAsync(string? ownerId = null) =>
        Dashboard.GetAsync(new DashboardFilter { From = From, To = TestData.Today, OwnerId = ownerId });

    public override Task ArrangeAsync() => HandBuiltPortfolio.AddAsync(Database);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static Dictionary<Stage, int> Counts(IReadOnlyDictionary<Stage, Figure> figures) =>
        figures.ToDictionary(f => f.Key, f => f.Value.Value);

    private static Dictionary<Stage, int> Expect(int denial = 0, int despair = 0, int plateau = 0, int hopeful = 0, int soaring = 0) => new()
    {
        [Stage.Denial] = denial,
        [Stage.Despair] = despair,
        [Stage.Plateau] = plateau,
        [Stage.Hopeful] = hopeful,
        [Stage.Soaring] = soaring,
    };

    [Fact]
    public async Task The_distribution_now_counts_active_partners_and_the_ones_never_assessed()
    {
        var figures = await FiguresAsync();

        Assert.Equal(Expect(despair: 1, plateau: 1, hopeful: 1, soaring: 1), Counts(figures.Now.ByStage));
        Assert.Equal(1, figures.Now.NotAssessed!.Value);
        Assert.Equal(5, figures.Now.Total);
    }

    [Fact]
    public async Task The_start_of_the_period_counts_the_partner_archived_later()
    {
        var figures = await FiguresAsync();

        Assert.Equal(Expect(denial: 1, despair: 1, hopeful: 2, soaring: 1), Counts(figures.AtStart.ByStage));
    }

    [Fact]
    public async Task The_month_end_mix_follows_two_moves_in_a_month_and_drops_the_archived_partner()
    {
        var figures = await FiguresAsync();

        Assert.Equal([D(2026, 6, 30), D(2026, 7, 31), D(2026, 8, 31), D(2026, 9, 30), D(2026, 10, 31), D(2026, 11, 26)],
            figures.Months.Select(m => m.MonthEnd));
        Assert.Equal(Expect(denial: 1, despair: 1, hopeful: 2, soaring: 1), Counts(figures.Months[0].ByStage));
        Assert.Equal(Expect(despair: 1, hopeful: 2, soaring: 2), Counts(figures.Months[1].ByStage));
        Assert.Equal(Expect(despair: 1, hopeful: 1, soaring: 2), Counts(figures.Months[2].ByStage));
        Assert.Equal(Expect(despair: 1, plateau: 1, hopeful: 1, soaring: 1), Counts(figures.Months[3].ByStage));
        Assert.Equal(Expect(despair: 1, plateau: 1, hopeful: 1, soaring: 1), Counts(figures.Months[5].ByStage));
    }

    [Fact]
    public async Task The_transition_matrix_tells_improvements_from_regressions()
    {
        var figures = await FiguresAsync();

        Assert.Equal(
            new[] { (Stage.Denial, Stage.Hopeful, 1, false), (Stage.Hopeful, Stage.Soaring, 1, false), (Stage.Soaring, Stage.Plateau, 1, true) },
            figures.Transitions.Select(t => (t.From, t.To, t.Partners.Value, t.IsRegression)));
        Assert.Equal(1, figures.EnteredPlateau.Value);
    }

    // Dogwood stays Hopeful and its pending Despair is dropped: stored as a change (for the replay), not a move.
    [Fact]
    public async Task An_override_that_keeps_the_stage_is_no_move()
    {
        await using (var db = Database.CreateContext())
        {
            var dogwood = await db.Partners.SingleAsync(p => p.Name == "Dogwood");
            await Get<AssessmentService>().OverrideAsync(TestData.Administrator, dogwood.Id, Stage.Hopeful, "One bad project", dogwood.RowVersion);
        }

        var figures = await FiguresAsync();

        Assert.Equal(
            new[] { (Stage.Denial, Stage.Hopeful, 1), (Stage.Hopeful, Stage.Soaring, 1), (Stage.Soaring, Stage.Plateau, 1) },
            figures.Transitions.Select(t => (t.From, t.To, t.Partners.Value)));
        Assert.Equal(Expect(despair: 1, plateau: 1, hopeful: 1, soaring: 1), Counts(figures.Now.ByStage));
    }

    [Fact]
    public async Task The_lists_name_the_partners_at_risk_overdue_and_stuck()
    {
        var figures = await FiguresAsync();

        Assert.Equal(["Birch", "Dogwood"], figures.AtRisk.First.Select(p => p.Name).Order());
        Assert.Equal(["Cedar", "Fir"], figures.Overdue.First.Select(p => p.Name).Order());
        Assert.Equal(["Cedar"], figures.Stuck.First.Select(p => p.Name));
        Assert.Equal((2, 2, 1), (figures.AtRisk.Count.Value, figures.Overdue.Count.Value, figures.Stuck.Count.Value));
    }

    [Fact]
    public async Task Per_owner_and_per_region_counts_add_up()
    {
        var figures = await FiguresAsync();

        var byOwner = figures.ByOwner.ToDictionary(b => b.Key);
        Assert.Equal((2, 0), (byOwner[TestData.Manager.UserId].Partners.Value, byOwner[TestData.Manager.UserId].Overdue.Value));
        Assert.Equal(Expect(plateau: 1, soaring: 1), Counts(byOwner[TestData.Manager.UserId].ByStage));
        Assert.Equal((3, 2), (byOwner[TestData.OtherManager.UserId].Partners.Value, byOwner[TestData.OtherManager.UserId].Overdue.Value));
        Assert.Equal(TestData.DisplayName(TestData.OtherManager), byOwner[TestData.OtherManager.UserId].Label);

        var byRegion = figures.ByRegion.ToDictionary(b => b.Key);
        Assert.Equal((3, 1), (byRegion["EMEA"].Partners.Value, byRegion["EMEA"].Overdue.Value));
        Assert.Equal((2, 1), (byRegion["APAC"].Partners.Value, byRegion["APAC"].Overdue.Value));
    }

    [Fact]
    public async Task An_owner_filter_narrows_every_figure()
    {
        var figures = await FiguresAsync(TestData.OtherManager.UserId);

        Assert.Equal(Expect(despair: 1, hopeful: 1), Counts(figures.Now.ByStage));
        Assert.Empty(figures.Transitions);
        Assert.Equal(["Cedar", "Fir"], figures.Overdue.First.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Every_number_lists_exactly_its_partners()
    {
        var figures = await FiguresAsync();
        var every = figures.Now.ByStage.Values.Append(figures.Now.NotAssessed!)
            .Concat(figures.AtStart.ByStage.Values)
            .Concat(figures.Months.SelectMany(m => m.ByStage.Values))
            .Concat(figures.Transitions.Select(t => t.Partners))
            .Append(figures.EnteredPlateau)
            .Concat([figures.AtRisk.Count, figures.Overdue.Count, figures.Stuck.Count])
            .Concat(figures.ByOwner.Concat(figures.ByRegion).SelectMany(b => b.ByStage.Values.Append(b.Partners).Append(b.Overdue)))
            .ToList();

        Assert.True(every.Count > 60);
        foreach (var figure in every)
        {
            var listed = await Get<PartnerService>().ListAsync(figure.Query with { PageSize = 100 });
            Assert.True(figure.Value == listed.Total, $"{figure.Value} on the dashboard, {listed.Total} in the list for {figure.Query}");
        }
    }

    [Theory]
    [InlineData("0001-01-01", "2026-11-26")]
    [InlineData("2020-01-01", "2026-11-26")]
    [InlineData("2026-11-26", "2026-01-01")]
    public async Task A_period_backwards_before_1990_or_over_five_years_is_refused_on_from(string from, string to)
    {
        var filter = new DashboardFilter
        {
            From = DateOnly.ParseExact(from, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = DateOnly.ParseExact(to, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => Dashboard.GetAsync(filter));

        Assert.Equal(nameof(DashboardFilter.From), error.Field);
    }
}
