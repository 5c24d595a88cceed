using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Data.Partners;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// An executive reads everything and changes nothing: no control to change a partner is offered,
// and the assessment form refuses a direct visit.
[Collection(BrowserCollection.Name)]
public sealed class ExecutiveTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string ExecutiveName = TestData.DisplayName(TestData.Executive);
    private static readonly string ExecutiveEmail = TestData.Email(TestData.Executive);
    private const string PartnerName = "Contoso Consulting";

    private readonly KestrelAppFactory _app = new();
    private BrowserSession _executive = null!;
    private int _partnerId;

    private IPage Page => _executive.Page;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        var administrator = TestData.Administrator;
        await _app.CreateUserAsync(TestData.Manager);
        await _app.CreateUserAsync(TestData.Executive);

        // A partner with a verdict, a contact and a sponsor, so every section that has controls is on the page.
        _partnerId = await _app.AddAssessedPartnerAsync(administrator, PartnerName, new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 4, GoalAlignment = 3,
            CapabilityScore = 60, CertifiedPeople = 3, NetCustomerAdds = 2, CoSellWins = 0, ActiveFieldContacts = 1, Awards = 0,
        }, ownerId: TestData.ManagerId, evidence: "Quarterly review.");
        await using var scope = _app.Services.CreateAsyncScope();
        var partners = scope.ServiceProvider.GetRequiredService<PartnerService>();

        _executive = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _executive.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_executive_sees_partners_but_is_offered_no_way_to_change_them()
    {
        await _executive.SignInAsync(ExecutiveEmail, ExecutiveName);

        await _executive.GotoAsync("/partners");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = PartnerName, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("partner-total")).ToHaveTextAsync("1 partner");
        await ExpectNoButtonAsync("Add partner");
        await ExpectNoButtonAsync("Add the first partner");

        await link.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/partners/{_partnerId}$"));
        // Everything has loaded before looking for what is absent, or the absence proves nothing.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Why Hopeful Performance", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("assessment-row")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("partner-contacts")).ToBeVisibleAsync();
        await _executive.ScreenshotAsync("executive-partner-page");

        // "New assessment" navigates, so it is a link styled as a button.
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New assessment", Exact = true })).ToHaveCountAsync(0);
        foreach (var name in new[]
        {
            "New assessment", "Override stage", "Confirm regression", "Dismiss",
            $"Edit {PartnerName}", $"Archive {PartnerName}", $"Restore {PartnerName}", "Add vendor contact", "Add sponsor",
        })
        {
            await ExpectNoButtonAsync(name);
        }

        await Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Void|Edit|Archive|Remove)") })).ToHaveCountAsync(0);
        // Beyond the named ones: the page body offers no button at all (the app bar keeps theme and sign-out).
        Assert.Empty(await ButtonNamesInContentAsync());

        // Going straight to the form: a refusal, and nothing to save with.
        await _executive.GotoAsync($"/partners/{_partnerId}/assess");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot assess this partner");
        await ExpectNoButtonAsync("Save assessment");
        await Expect(Page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);

        Assert.Empty(_executive.ConsoleErrors);
    }

    private Task ExpectNoButtonAsync(string name) =>
        Expect(Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);

    private async Task<IReadOnlyList<string>> ButtonNamesInContentAsync()
    {
        var buttons = Page.Locator(".mud-main-content").GetByRole(AriaRole.Button);
        var names = new List<string>();
        foreach (var button in await buttons.AllAsync())
        {
            names.Add(await button.GetAttributeAsync("aria-label") ?? (await button.InnerTextAsync()).Trim());
        }

        return names;
    }
}
