using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// An administrator lowers Soaring's maturity-index bar in a draft, sees who would move, traces one of
// them, publishes with re-evaluation, and the dashboard then counts what the impact view predicted.
[Collection(BrowserCollection.Name)]
public sealed class RulesLabTests(BrowserFixture browser) : IAsyncLifetime
{
    private const double LoweredThreshold = 60;

    // Worked out with DerivedSignals' weights (v1): ratings map 1..5 to 0..1, known facts to value/cap.
    // Aster: ratings 0.75 × 0.60, capability 0.72 × 0.10, co-sell 2/5 × 0.10, contacts 2/4 × 0.05 → 0.587 / 0.85 = 69.1.
    // Beacon: ratings 0.425 (conviction 3), co-sell 1/5 × 0.10, contacts 2/4 × 0.05 → 0.47 / 0.75 = 62.7.
    // Both meet every other Soaring condition, so under v1 (≥ 75) they are Hopeful and at ≥ 60 they soar.
    private static readonly AssessmentInputs Aster = new()
    {
        ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 4, GoalAlignment = 4,
        CapabilityScore = 72, CoSellWins = 2, ActiveFieldContacts = 2,
    };

    private static readonly AssessmentInputs Beacon = Aster with { InvestmentConviction = 3, CapabilityScore = null, CoSellWins = 1 };

    // Index 51.0: Hopeful under both versions.
    private static readonly AssessmentInputs Cedar = Aster with
    {
        ProgrammeFluency = 3, InvestmentConviction = 3, Agility = 3, GoalAlignment = 3, CapabilityScore = null, CoSellWins = 1,
    };

    // Soaring under both versions.
    private static readonly AssessmentInputs Delta = new()
    {
        ProgrammeFluency = 5, DeliveryConfidence = 5, InvestmentConviction = 5, Agility = 5, GoalAlignment = 5,
        CapabilityScore = 90, CoSellWins = 3, ActiveFieldContacts = 3,
    };

    // Denial under both versions: delivery confidence 3 keeps it from Soaring, then fluency 1 decides.
    private static readonly AssessmentInputs Ember = Delta with { ProgrammeFluency = 1, DeliveryConfidence = 3 };

    private readonly KestrelAppFactory _app = new();
    private BrowserSession _administrator = null!;

    private IPage Page => _administrator.Page;

    public async Task InitializeAsync()
    {
        SeedMeansWhatItSays();
        await _app.CreateUserAsync(TestData.Administrator);
        foreach (var (name, inputs) in new[]
                 {
                     ("Aster Analytics", Aster), ("Beacon Bytes", Beacon), ("Cedar Cloud", Cedar), ("Delta Data", Delta), ("Ember Edge", Ember),
                 })
        {
            await _app.AddAssessedPartnerAsync(TestData.Administrator, name, inputs);
        }

        _administrator = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await _administrator.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
    }

    public async Task DisposeAsync()
    {
        await _administrator.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Lowering_the_soaring_bar_moves_the_partners_the_impact_view_named()
    {
        await _administrator.GotoAsync("/admin/rules");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start a draft from v1", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/rules/2$"));
        await _administrator.ExpectInteractiveAsync();

        var threshold = Page.GetByLabel("Maturity index at least");
        await Expect(threshold).ToHaveValueAsync("75");
        await threshold.FillAsync(LoweredThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save draft", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Validation summary")).ToHaveTextAsync("Every value is valid: this draft can be published.");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Work out the impact", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Impact summary")).ToContainTextAsync("2 of 5 active partners would get another verdict under v2.");
        var soaringRow = Page.GetByRole(AriaRole.Table, new() { Name = "Verdicts per stage" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Soaring" });
        // Columns: stage, v1, v2, change, standing after publishing with re-evaluation.
        await Expect(soaringRow.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("3");
        var predictedSoaring = int.Parse((await soaringRow.GetByRole(AriaRole.Cell).Nth(4).InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Hopeful Performance to Soaring Execution: 2 partners", Exact = true }).ClickAsync();
        // Each listed partner's verdicts list their conditions as items too: a partner's item is the one with its link.
        var moving = Page.GetByRole(AriaRole.List, new() { Name = "Hopeful Performance → Soaring Execution: 2 partner(s)" })
            .GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link) });
        await Expect(moving).ToHaveCountAsync(2);
        await Expect(moving.GetByRole(AriaRole.Link, new() { Name = "Aster Analytics", Exact = true })).ToBeVisibleAsync();
        await Expect(moving.GetByRole(AriaRole.Link, new() { Name = "Beacon Bytes", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Hopeful Performance to Hopeful Performance: 1 partner", Exact = true })).ToBeVisibleAsync();

        var partner = Page.GetByRole(AriaRole.Combobox, new() { Name = "Partner to trace" });
        await partner.ClickAsync();
        await partner.FillAsync("Aster");
        await Page.GetByRole(AriaRole.Option, new() { Name = "Aster Analytics", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Trace summary")).ToContainTextAsync("Aster Analytics: 1 of 1 check-in(s) get another verdict under v2");
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Check-ins of Aster Analytics" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await _administrator.ScreenshotAsync("rules-lab-draft");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish v2", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("2 of 5 active partners would get another verdict under v2.");
        var reevaluate = dialog.GetByRole(AriaRole.Radio, new() { Name = "Re-evaluate every active partner's latest check-in now" });
        await Expect(reevaluate).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Publish v2", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByLabel("Publish result")).ToContainTextAsync("Rule set v2 is active; v1 is retired. 2 partners got another verdict: 2 moved");

        await _administrator.GotoAsync("/dashboard");
        await Expect(Page.GetByTestId("dashboard-ready")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Show the {predictedSoaring} partners in Soaring Execution now", Exact = true })).ToBeVisibleAsync();
        Assert.Empty(_administrator.ConsoleErrors);
    }

    // The browser steps above rest on these verdicts; if the default rules change, this says so first.
    private static void SeedMeansWhatItSays()
    {
        var lowered = RuleSet.Default with { Version = 2, Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = LoweredThreshold } };
        var history = PartnerHistory.FirstAssessment(new DateOnly(2024, 1, 15), new DateOnly(2026, 6, 1));
        Stage[] Both(AssessmentInputs inputs) =>
            [StageClassifier.Classify(inputs, history, RuleSet.Default), StageClassifier.Classify(inputs, history, lowered)];

        Assert.Equal([Stage.Hopeful, Stage.Soaring], Both(Aster));
        Assert.Equal([Stage.Hopeful, Stage.Soaring], Both(Beacon));
        Assert.Equal([Stage.Hopeful, Stage.Hopeful], Both(Cedar));
        Assert.Equal([Stage.Soaring, Stage.Soaring], Both(Delta));
        Assert.Equal([Stage.Denial, Stage.Denial], Both(Ember));
        Assert.Equal(69.1, DerivedSignals.ComputeMaturityIndex(Aster, RuleSet.Default));
        Assert.Equal(62.7, DerivedSignals.ComputeMaturityIndex(Beacon, RuleSet.Default));
    }
}
