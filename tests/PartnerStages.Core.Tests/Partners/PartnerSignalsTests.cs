using PartnerStages.Core;
using PartnerStages.Core.Partners;

namespace PartnerStages.Core.Tests.Partners;

public sealed class PartnerSignalsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void A_partner_added_today_is_not_overdue() =>
        Assert.False(PartnerSignals.IsOverdue(lastCheckIn: null, addedOn: Today, archived: false, Today));

    [Theory]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void Overdue_means_more_than_ninety_days_since_the_last_check_in(int daysAgo, bool overdue) =>
        Assert.Equal(overdue, PartnerSignals.IsOverdue(Today.AddDays(-daysAgo), addedOn: new DateOnly(2020, 1, 1), archived: false, Today));

    [Fact]
    public void A_check_in_counts_rather_than_the_day_added_and_an_archived_partner_is_never_overdue()
    {
        Assert.False(PartnerSignals.IsOverdue(Today.AddDays(-10), addedOn: new DateOnly(2020, 1, 1), archived: false, Today));
        Assert.False(PartnerSignals.IsOverdue(null, addedOn: new DateOnly(2020, 1, 1), archived: true, Today));
    }

    [Theory]
    [InlineData(null, -4.9, false)]
    [InlineData(null, -5.0, true)]
    [InlineData(null, null, false)]
    [InlineData(Stage.Despair, 3.0, true)]
    public void At_risk_is_a_pending_regression_or_a_fall_of_five_points(Stage? pending, double? momentum, bool atRisk) =>
        Assert.Equal(atRisk, PartnerSignals.IsAtRisk(pending, momentum));

    [Fact]
    public void The_last_twelve_months_are_twelve_whole_months_ending_today() =>
        Assert.Equal((new DateOnly(2025, 12, 3), Today), ReportingPeriod.LastMonths(Today, 12));
}
