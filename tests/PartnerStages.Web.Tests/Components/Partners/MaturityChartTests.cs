using System.Globalization;
using Bunit;
using PartnerStages.Core;
using PartnerStages.Data.Assessments;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class MaturityChartTests : ComponentTestBase
{
    // Monthly check-ins, newest first as the service returns them.
    private static List<AssessmentRow> Monthly(int count, DateOnly first) => Enumerable.Range(0, count)
        .Select(i => new AssessmentRow(i + 1, first.AddMonths(i), "Casey Manager", Stage.Hopeful, 50 + i, null, null, false, null, 1))
        .Reverse().ToList();

    private static List<string> XAxis(IRenderedComponent<MaturityChart> chart) =>
        chart.FindAll("g.mud-charts-xaxis text").Select(t => t.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    [Fact]
    public void Two_years_of_check_ins_label_at_most_six_months_without_running_them_together()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            var chart = Render<MaturityChart>(p => p.Add(c => c.Assessments, Monthly(24, new DateOnly(2024, 12, 20))));

            Assert.Equal(["Dec 24", "Apr 25", "Aug 25", "Dec 25", "Apr 26", "Aug 26"], XAxis(chart));
            Assert.Equal(24, chart.FindAll("g.mud-charts-xaxis text").Count);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_months_are_named_in_the_readers_culture() =>
        WithCulture("de-DE", () =>
        {
            var chart = Render<MaturityChart>(p => p.Add(c => c.Assessments, Monthly(3, new DateOnly(2025, 1, 20))));

            Assert.Equal(["20 Jan.", "20 Feb.", "20 März"], XAxis(chart).Select(t => t.Replace('\u00A0', ' ')));
        });

    [Fact]
    public void A_short_span_labels_days_and_repeats_no_label()
    {
        var days = new[] { new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9) };

        Assert.Equal(["1 Mar", "", "9 Mar"], WithCulture("en-GB", () => MaturityChart.AxisLabels(days)));
        Assert.Empty(MaturityChart.AxisLabels([]));
    }

    private static T WithCulture<T>(string name, Func<T> run)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static void WithCulture(string name, Action run) => WithCulture(name, () =>
    {
        run();
        return 0;
    });
}
