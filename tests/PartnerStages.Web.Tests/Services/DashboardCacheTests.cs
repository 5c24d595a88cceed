using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Import;

namespace PartnerStages.Web.Tests.Services;

// The shared dashboard figures on HandBuiltPortfolio: each write drops exactly the cached figures
// it can change, and nothing stale is served after it.
public sealed class DashboardCacheTests : ServiceTestBase
{
    private static readonly DateOnly From = new(2026, 6, 1);

    private DashboardService Dashboard => Get<DashboardService>();

    private DashboardCacheStatistics Statistics => Get<DashboardCache>().Statistics;

    private static DashboardFilter Filter(string? ownerId = null) => new() { From = From, To = TestData.Today, OwnerId = ownerId };

    public override Task ArrangeAsync() => HandBuiltPortfolio.AddAsync(Database);

    private async Task<int> IdOfAsync(string name)
    {
        await using var db = Database.CreateContext();
        return await db.Partners.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> RowVersionOfAsync(int partnerId)
    {
        await using var db = Database.CreateContext();
        return await db.Partners.Where(p => p.Id == partnerId).Select(p => p.RowVersion).SingleAsync();
    }

    private static string AtRisk(FlaggedFigures figures) => string.Join(", ", figures.AtRisk.First.Select(p => p.Name).Order());

    // Reads the filter's figures and says whether they came from the cache (nothing was computed).
    private async Task<(T Figures, bool Cached)> ReadAsync<T>(Func<Task<T>> read)
    {
        var misses = Statistics.Misses;
        var figures = await read();
        return (figures, Statistics.Misses == misses);
    }

    private async Task<Actor> WarmAsync()
    {
        await Dashboard.GetAsync(Filter());
        await Dashboard.GetAsync(Filter(TestData.Manager.UserId));
        await Dashboard.GetAsync(Filter(TestData.OtherManager.UserId));
        return TestData.Administrator;
    }

    [Fact]
    public async Task Two_users_asking_for_the_same_figures_at_once_share_one_computation()
    {
        var first = Dashboard.GetDistributionAsync(Filter());
        var second = Get<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<DashboardService>()
            .GetDistributionAsync(Filter());

        Assert.Same(await first, await second);
        // Computed once: the distribution, and within it the standings at the start of the period.
        Assert.Equal((2, 1), (Statistics.Misses, Statistics.Hits));
    }

    [Fact]
    public async Task A_check_in_refreshes_the_figures_that_count_its_partner_and_keeps_the_others()
    {
        var admin = await WarmAsync();
        var alder = await IdOfAsync("Alder");

        await Get<AssessmentService>().RecordAsync(admin, alder, TestData.Inputs(fluency: 1), TestData.Today, "Lost its sponsor",
            await RowVersionOfAsync(alder));

        var everyone = await ReadAsync(() => Dashboard.GetFlaggedAsync(Filter()));
        var own = await ReadAsync(() => Dashboard.GetFlaggedAsync(Filter(TestData.Manager.UserId)));
        var other = await ReadAsync(() => Dashboard.GetFlaggedAsync(Filter(TestData.OtherManager.UserId)));
        Assert.Equal(("Alder, Birch, Dogwood", false), (AtRisk(everyone.Figures), everyone.Cached));
        Assert.Equal(("Alder, Birch", false), (AtRisk(own.Figures), own.Cached));
        Assert.Equal(("Dogwood", true), (AtRisk(other.Figures), other.Cached));
    }

    [Fact]
    public async Task Voiding_a_check_in_serves_the_figures_from_before_it_again()
    {
        var admin = await WarmAsync();
        var alder = await IdOfAsync("Alder");
        var recorded = await Get<AssessmentService>().RecordAsync(admin, alder, TestData.Inputs(fluency: 1), TestData.Today,
            "Lost its sponsor", await RowVersionOfAsync(alder));
        Assert.Contains("Alder", AtRisk(await Dashboard.GetFlaggedAsync(Filter())));

        await Get<AssessmentService>().VoidAsync(admin, recorded.AssessmentId, "Recorded against the wrong partner");

        Assert.Equal("Birch, Dogwood", AtRisk(await Dashboard.GetFlaggedAsync(Filter())));
        Assert.Equal("Birch", AtRisk(await Dashboard.GetFlaggedAsync(Filter(TestData.Manager.UserId))));
    }

    [Fact]
    public async Task An_override_moves_the_distribution_of_its_owner_and_of_everyone()
    {
        var admin = await WarmAsync();
        var cedar = await IdOfAsync("Cedar");

        await Get<AssessmentService>().OverrideAsync(admin, cedar, Stage.Hopeful, "Signed a three-year plan", await RowVersionOfAsync(cedar));

        var everyone = await ReadAsync(() => Dashboard.GetDistributionAsync(Filter()));
        var other = await ReadAsync(() => Dashboard.GetDistributionAsync(Filter(TestData.OtherManager.UserId)));
        var own = await ReadAsync(() => Dashboard.GetDistributionAsync(Filter(TestData.Manager.UserId)));
        Assert.Equal((0, 2, false), (everyone.Figures.Now.ByStage[Stage.Despair].Value, everyone.Figures.Now.ByStage[Stage.Hopeful].Value, everyone.Cached));
        Assert.Equal((0, 2, false), (other.Figures.Now.ByStage[Stage.Despair].Value, other.Figures.Now.ByStage[Stage.Hopeful].Value, other.Cached));
        Assert.True(own.Cached);
    }

    [Fact]
    public async Task An_import_refreshes_every_cached_figure()
    {
        await WarmAsync();
        var csv = Encoding.UTF8.GetBytes("Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail,Notes,Archived\r\n"
            + $"Contoso,EMEA,Data & AI,Member,2024-01-15,{TestData.Email(TestData.OtherManager)},,false\r\n");

        var report = await Get<CsvImportService>().ImportAsync(TestData.Administrator, ImportKind.Partners, csv, ExistingPartnerChoice.Skip);

        Assert.True(report.Committed);
        var everyone = await ReadAsync(() => Dashboard.GetDistributionAsync(Filter()));
        var own = await ReadAsync(() => Dashboard.GetDistributionAsync(Filter(TestData.Manager.UserId)));
        Assert.Equal((2, false), (everyone.Figures.Now.NotAssessed!.Value, everyone.Cached));
        Assert.False(own.Cached);
    }

    [Fact]
    public async Task A_published_rule_set_refreshes_every_cached_figure()
    {
        await WarmAsync();

        await using (var db = Database.CreateContext())
        {
            var next = new RuleSetDefinition(2, RuleSet.Default.ToJson(), TestData.AdministratorId, DateTime.UtcNow);
            next.Publish(DateTime.UtcNow);
            db.RuleSets.Add(next);
            await db.SaveChangesAsync();
        }

        Assert.False((await ReadAsync(() => Dashboard.GetBreakdownsAsync(Filter(TestData.Manager.UserId)))).Cached);
        Assert.False((await ReadAsync(() => Dashboard.GetMonthsAsync(Filter(TestData.OtherManager.UserId)))).Cached);
    }

    [Fact]
    public async Task Another_instance_on_the_same_database_sees_a_change_made_here()
    {
        await using var other = Database.CreateUnpreparedServices();
        var otherDashboard = other.GetRequiredService<DashboardService>();
        Assert.Equal("Birch, Dogwood", AtRisk(await otherDashboard.GetFlaggedAsync(Filter())));
        var alder = await IdOfAsync("Alder");

        await Get<AssessmentService>().RecordAsync(TestData.Administrator, alder, TestData.Inputs(fluency: 1), TestData.Today,
            "Lost its sponsor", await RowVersionOfAsync(alder));

        Assert.Equal("Alder, Birch, Dogwood", AtRisk(await otherDashboard.GetFlaggedAsync(Filter())));
    }

    [Fact]
    public async Task Editing_a_partner_into_another_region_refreshes_both_regions()
    {
        await WarmAsync();
        var emea = Filter() with { Region = "EMEA" };
        var apac = Filter() with { Region = "APAC" };
        await Dashboard.GetDistributionAsync(emea);
        await Dashboard.GetDistributionAsync(apac);

        await using (var db = Database.CreateContext())
        {
            var cedar = await db.Partners.SingleAsync(p => p.Name == "Cedar");
            cedar.UpdateDetails("EMEA", cedar.SolutionArea, cedar.ProgrammeLevel, cedar.JoinedProgrammeOn, cedar.Notes);
            await db.SaveChangesAsync();
        }

        var nowEmea = await ReadAsync(() => Dashboard.GetDistributionAsync(emea));
        var nowApac = await ReadAsync(() => Dashboard.GetDistributionAsync(apac));
        Assert.Equal((1, false), (nowEmea.Figures.Now.ByStage[Stage.Despair].Value, nowEmea.Cached));
        Assert.Equal((0, false), (nowApac.Figures.Now.ByStage[Stage.Despair].Value, nowApac.Cached));
    }

    // The stage mix as a second instance with nothing cached computes it: what a stale cache would differ from.
    private async Task<string> FreshMonthsAsync(DashboardFilter filter)
    {
        await using var other = Database.CreateUnpreparedServices();
        return Mix(await other.GetRequiredService<DashboardService>().GetMonthsAsync(filter));
    }

    private static string Mix(MonthFigures figures) => string.Join(" | ", figures.Months.Select(m =>
        $"{m.MonthEnd:MM-dd} " + string.Join(" ", m.ByStage.Select(s => $"{s.Key}={s.Value.Value}"))));

    [Fact]
    public async Task A_stage_change_today_recounts_only_today_in_the_stage_mix()
    {
        var admin = await WarmAsync();
        var cedar = await IdOfAsync("Cedar");
        var before = (await Dashboard.GetMonthsAsync(Filter())).Months;

        await Get<AssessmentService>().OverrideAsync(admin, cedar, Stage.Hopeful, "Signed a three-year plan", await RowVersionOfAsync(cedar));

        var (hits, misses) = (Statistics.Hits, Statistics.Misses);
        var after = await Dashboard.GetMonthsAsync(Filter());
        // The stage mix itself, then June to October from the cache (the standings at closed month ends).
        Assert.Equal((1L, 5L), (Statistics.Misses - misses, Statistics.Hits - hits));
        Assert.Equal(before.Take(5).Select(m => m.ByStage[Stage.Despair].Value), after.Months.Take(5).Select(m => m.ByStage[Stage.Despair].Value));
        Assert.Equal((1, 0), (before[^1].ByStage[Stage.Despair].Value, after.Months[^1].ByStage[Stage.Despair].Value));
        Assert.Equal(await FreshMonthsAsync(Filter()), Mix(after));
    }

    [Fact]
    public async Task Restoring_an_archived_partner_recounts_the_month_ends_since_it_was_archived()
    {
        var admin = await WarmAsync();
        var elm = await IdOfAsync("Elm");
        var before = await Dashboard.GetMonthsAsync(Filter(TestData.Manager.UserId));

        await Get<PartnerStages.Data.Partners.PartnerService>().RestoreAsync(admin, elm, await RowVersionOfAsync(elm));

        var after = await Dashboard.GetMonthsAsync(Filter(TestData.Manager.UserId));
        // Elm (Hopeful) was archived on 15 August: it now counts at every month end from then on.
        Assert.Equal([0, 0, 1, 1, 1, 1], before.Months.Zip(after.Months, (b, a) => a.ByStage[Stage.Hopeful].Value - b.ByStage[Stage.Hopeful].Value));
        Assert.Equal(await FreshMonthsAsync(Filter(TestData.Manager.UserId)), Mix(after));
    }

    [Fact]
    public async Task Reassigning_a_partner_moves_its_whole_history_between_the_owners_stage_mixes()
    {
        var admin = await WarmAsync();
        await using (var db = Database.CreateContext())
        {
            var birch = await db.Partners.SingleAsync(p => p.Name == "Birch");
            birch.AssignOwner(TestData.OtherManager.UserId);
            await db.SaveChangesAsync();
        }

        var own = await Dashboard.GetMonthsAsync(Filter(TestData.Manager.UserId));
        var other = await Dashboard.GetMonthsAsync(Filter(TestData.OtherManager.UserId));
        Assert.Equal(await FreshMonthsAsync(Filter(TestData.Manager.UserId)), Mix(own));
        Assert.Equal(await FreshMonthsAsync(Filter(TestData.OtherManager.UserId)), Mix(other));
        Assert.All(other.Months, m => Assert.Equal(1, m.ByStage[Stage.Soaring].Value + m.ByStage[Stage.Plateau].Value));
    }
}
