using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// An executive opens the dashboard, clicks a stage count and lands on exactly those partners.
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _executive = null!;

    private IPage Page => _executive.Page;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        var administrator = TestData.Administrator;
        await _app.CreateUserAsync(TestData.Executive);
        foreach (var (name, fluency) in new[] { ("Alpine Apps", 1), ("Birch Bytes", 2), ("Cobalt Cloud", 4) })
        {
            await _app.AddAssessedPartnerAsync(administrator, name, new AssessmentInputs
            {
                ProgrammeFluency = fluency, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
            }, SolutionArea.Infrastructure);
        }

        _executive = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await _executive.SignInAsync(TestData.Email(TestData.Executive), TestData.DisplayName(TestData.Executive));
    }

    public async Task DisposeAsync()
    {
        await _executive.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_stage_count_leads_to_the_partners_behind_it()
    {
        await _executive.GotoAsync("/dashboard");
        await Expect(Page.GetByTestId("dashboard-ready")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "By owner" }).GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(1);
        await _executive.ScreenshotAsync("dashboard");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Show the 2 partners in Denial now" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/partners\\?.*stage=Denial"));
        await Expect(Page.GetByTestId("partner-total")).ToContainTextAsync("2 partners");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Alpine Apps" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Birch Bytes" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Cobalt Cloud" })).ToHaveCountAsync(0);
        Assert.Empty(_executive.ConsoleErrors);
    }

    [Fact]
    public async Task The_owner_filter_finds_an_owner_as_the_executive_types()
    {
        await _executive.GotoAsync("/dashboard");
        await Expect(Page.GetByTestId("dashboard-ready")).ToBeVisibleAsync();
        var owner = Page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" });

        await owner.ClickAsync();
        await owner.FillAsync(TestData.DisplayName(TestData.Administrator)[..3]);
        await Page.GetByRole(AriaRole.Option, new() { Name = TestData.DisplayName(TestData.Administrator) }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/dashboard\\?owner={TestData.Administrator.UserId}"));
        await Expect(Page.GetByTestId("dashboard-scope")).ToContainTextAsync($"Partners of {TestData.DisplayName(TestData.Administrator)}");
        await Expect(Page.GetByTestId("dashboard-ready")).ToBeVisibleAsync();
        Assert.Empty(_executive.ConsoleErrors);
    }
}
