using System.Globalization;
using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Tests.Assessments;

public class CheckInRulesTests
{
    private static readonly DateOnly Today = TestData.AssessedOn;

    [Fact]
    public void A_check_in_today_after_the_latest_one_is_fine() =>
        Assert.Empty(CheckInRules.Validate(Today, "Quarterly review", Today.AddMonths(-1), Today));

    [Fact]
    public void A_check_in_on_the_latest_ones_day_is_fine() =>
        Assert.Null(CheckInRules.DateProblem(Today, Today, Today));

    [Fact]
    public void A_missing_date_asks_for_one() =>
        Assert.Equal("Choose the date of the check-in.", CheckInRules.DateProblem(null, null, Today));

    [Fact]
    public void A_date_in_the_future_is_refused() =>
        Assert.Equal("The check-in date cannot be in the future.", CheckInRules.DateProblem(Today.AddDays(1), null, Today));

    [Fact]
    public void A_date_before_the_latest_check_in_names_that_check_in_in_the_readers_culture()
    {
        var latest = Today.AddDays(-3);

        var problem = CheckInRules.DateProblem(Today.AddDays(-4), latest, Today);

        Assert.Equal($"The check-in date must be on or after the latest check-in ({latest.ToString("d", CultureInfo.CurrentCulture)}).", problem);
    }

    [Fact]
    public void Evidence_longer_than_the_limit_is_reported_on_its_field()
    {
        var error = Assert.Single(CheckInRules.Validate(Today, new string('x', Assessment.EvidenceMaxLength + 1), null, Today));

        Assert.Equal((nameof(Assessment.Evidence), "Evidence must be at most 4000 characters."), (error.Field, error.Message));
    }

    [Fact]
    public void EnsureValid_throws_the_first_problem_with_its_field()
    {
        var error = Assert.Throws<DomainException>(() => CheckInRules.EnsureValid(Today.AddDays(1), null, null, Today));

        Assert.Equal(nameof(Assessment.AssessedOn), error.Field);
    }
}
