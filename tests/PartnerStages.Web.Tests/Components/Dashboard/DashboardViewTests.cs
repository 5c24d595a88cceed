using System.Globalization;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;
using PartnerStages.Web.Dashboard;

namespace PartnerStages.Web.Tests.Components.Dashboard;

public sealed class DashboardViewTests
{
    private static readonly DateOnly Today = TestData.Today;
    private static readonly Actor Manager = TestData.Manager;
    private static readonly Actor Executive = TestData.Executive;

    [Fact]
    public void The_url_round_trips_the_filters()
    {
        var view = new DashboardView { Owner = TestData.ManagerId, Region = "EMEA & UK", Area = SolutionArea.Security, Months = 6 };

        Assert.Equal($"dashboard?owner={TestData.ManagerId}&region=EMEA%20%26%20UK&area=Security&months=6", view.Url);
        Assert.Equal(view, DashboardView.Parse(view.Url));
        var custom = new DashboardView { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 3, 31) };
        Assert.Equal("dashboard?from=2026-01-01&to=2026-03-31", custom.Url);
        Assert.Equal(custom, DashboardView.Parse("http://localhost/" + custom.Url));
    }

    [Fact]
    public void The_last_months_are_that_many_whole_months_ending_today()
    {
        Assert.Equal((new DateOnly(2025, 11, 27), Today), new DashboardView().PeriodFor(Today));
        Assert.Equal((new DateOnly(2026, 8, 27), Today), new DashboardView { Months = 3 }.PeriodFor(Today));
        Assert.Equal(12, DashboardView.Parse("dashboard?months=7").Months);
    }

    [Fact]
    public void A_custom_range_is_put_in_order_and_ends_no_later_than_today()
    {
        var view = DashboardView.Parse("dashboard?from=2026-12-31&to=2026-02-01");

        Assert.Equal((new DateOnly(2026, 2, 1), Today), view.PeriodFor(Today));
    }

    [Theory]
    [InlineData("dashboard?from=0001-01-01&to=2026-11-26", "2021-11-26", "2026-11-26")]
    [InlineData("dashboard?from=0001-01-01&to=0001-01-02", "1990-01-01", "1990-01-01")]
    [InlineData("dashboard?from=2010-01-01&to=2015-06-30", "2010-06-30", "2015-06-30")]
    public void A_custom_range_is_cut_to_the_longest_period_the_dashboard_covers(string url, string from, string to)
    {
        var (start, end) = DashboardView.Parse(url).PeriodFor(Today);

        Assert.Equal((DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), (start, end));
    }

    [Fact]
    public void A_channel_manager_sees_its_own_portfolio_unless_it_asks_for_everyone()
    {
        Assert.Equal(TestData.ManagerId, new DashboardView().ToFilter(Manager, Today).OwnerId);
        Assert.Null(new DashboardView { Owner = DashboardView.AllOwners }.ToFilter(Manager, Today).OwnerId);
        Assert.Null(new DashboardView().ToFilter(Executive, Today).OwnerId);
        Assert.Equal(TestData.OtherManagerId, new DashboardView { Owner = TestData.OtherManagerId }.ToFilter(Executive, Today).OwnerId);
        Assert.Equal($"dashboard?owner={TestData.ManagerId}&months=12", new DashboardView().Explicit(Manager).Url);
        Assert.Equal("dashboard?owner=all&months=12", new DashboardView().Explicit(Executive).Url);
    }
}
