using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// The app under its real Content-Security-Policy: every main page, a dialog and a select open,
// with no violation reported by the browser and no console error.
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _session = null!;
    private int _partnerId;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        var administrator = TestData.Administrator;
        _partnerId = await _app.AddAssessedPartnerAsync(administrator, "Fabrikam Digital", new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
        }, SolutionArea.ModernWork);

        _session = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await _session.Page.Context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
            "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + e.sample));");
        await _session.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_main_pages_run_under_the_policy_without_a_violation()
    {
        var page = _session.Page;
        foreach (var path in new[] { "/", "/partners", $"/partners/{_partnerId}", $"/partners/{_partnerId}/assess", "/admin/users", "/admin/audit", "/admin/regions", "/admin/import", "/dashboard" })
        {
            await _session.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await ExpectNoViolationsAsync(path);
        }

        // Popovers, dialogs and the snackbar insert markup and styles at run time.
        await _session.GotoAsync("/partners");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await _session.GotoAsync("/admin/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await ExpectNoViolationsAsync("dialogs");

        Assert.Empty(_session.ConsoleErrors);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/partners/99999999")]
    public async Task The_not_found_page_runs_under_the_policy_without_a_violation(string path)
    {
        var page = _session.Page;

        var response = await page.GotoAsync(path);

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        // The import map is the page's one inline script; once blazor.web.js has started, a blocked map would have been reported.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await ExpectNoViolationsAsync(path);
        // Chromium reports the 404 of the document itself as a console error; that one is the point of the page.
        var errors = _session.ConsoleErrors
            .Where(e => !(e.StartsWith(page.Url, StringComparison.Ordinal) && e.Contains("status of 404", StringComparison.Ordinal)))
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    // The page the exception handler re-executes outside Development; opened directly here, where the
    // test host runs as Development and would show the developer page for a thrown exception instead.
    [Fact]
    public async Task The_error_page_runs_under_the_policy_without_a_violation()
    {
        var page = _session.Page;

        await page.GotoAsync("/Error");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Something went wrong" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await ExpectNoViolationsAsync("/Error");
        Assert.True(_session.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, _session.ConsoleErrors));
    }

    // Scalar's page loads its script from this app (not its CDN) with the request's nonce, and reads
    // the document from /openapi/v1.json: all of it 'self'.
    [Fact]
    public async Task The_API_reference_page_renders_under_the_policy_without_a_violation()
    {
        var page = _session.Page;

        var response = await page.GotoAsync("/api/docs");

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByText("List partners, with the partner list's filters and sorts, a page at a time").First).ToBeVisibleAsync();
        await ExpectNoViolationsAsync("/api/docs");
        Assert.True(_session.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, _session.ConsoleErrors));
    }

    private async Task ExpectNoViolationsAsync(string where)
    {
        var violations = await _session.Page.EvaluateAsync<string[]>("window.__cspViolations");
        Assert.True(violations.Length == 0, $"{where}: {string.Join("; ", violations)}");
    }
}
