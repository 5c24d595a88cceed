using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartnerStages.Core.Assessments;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// axe-core in real Chromium on every main page, in both themes and at both widths: no WCAG 2.2 A or
// AA violation, colour contrast included. Sign-in is checked signed out (it follows the browser's
// colour scheme there); the rest as the administrator, who may see every page.
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    // Every WCAG 2.0, 2.1 and 2.2 level A and AA rule axe-core has.
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    private readonly KestrelAppFactory _app = new();
    private BrowserSession _session = null!;
    private int _partnerId;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        _partnerId = await _app.AddAssessedPartnerAsync(TestData.Administrator, "Fabrikam Digital", new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
        });
        _session = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(false, 1366, 900)]
    [InlineData(false, 390, 844)]
    [InlineData(true, 1366, 900)]
    [InlineData(true, 390, 844)]
    public async Task Every_main_page_passes_WCAG_2_2_AA(bool dark, int width, int height)
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);
        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        var violations = new List<string>();

        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ExpectAccountPageThemeAsync(page, dark);
        violations.AddRange(await ViolationsAsync(page, "/Account/Login"));

        await _session.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
        if (dark)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        }

        foreach (var (path, ready) in MainPages())
        {
            await page.GotoAsync(path);
            await Expect(ready(page).First).ToBeVisibleAsync();
            violations.AddRange(await ViolationsAsync(page, path));
            if (path.StartsWith("/Account/", StringComparison.Ordinal))
            {
                await ExpectAccountPageThemeAsync(page, dark);
            }
        }

        Assert.True(violations.Count == 0, $"{(dark ? "Dark" : "Light")} theme at {width}×{height}:\n" + string.Join("\n", violations));
    }

    private IEnumerable<(string Path, Func<IPage, ILocator> Ready)> MainPages()
    {
        // Each page once its data is in and its circuit is up, so axe sees what a person sees (not a loading
        // skeleton, nor the moment the interactive render replaces the prerendered head and its <title>).
        yield return ("/", p => p.Locator("[data-interactive=true] h1"));
        yield return ("/partners", p => p.Locator("[data-interactive=true]").GetByRole(AriaRole.Link, new() { Name = "Fabrikam Digital" }));
        yield return ($"/partners/{_partnerId}", p => p.Locator("[data-interactive=true]").GetByRole(AriaRole.Heading, new() { Name = "Fabrikam Digital", Level = 1 }));
        yield return ($"/partners/{_partnerId}/assess", p => p.Locator("[data-interactive=true] h1"));
        yield return ("/dashboard", p => p.GetByTestId("dashboard-ready"));
        yield return ("/admin/users", p => p.Locator("[data-interactive=true]").GetByRole(AriaRole.Button, new() { Name = "Add user" }));
        yield return ("/admin/audit", p => p.Locator("[data-interactive=true] td"));
        yield return ("/admin/regions", p => p.Locator("[data-interactive=true]").GetByRole(AriaRole.Button, new() { Name = "Rename or merge EMEA", Exact = true }));
        yield return ("/admin/import", p => p.Locator("[data-interactive=true] h1"));
        yield return ("/account/tokens", p => p.Locator("[data-interactive=true]").GetByRole(AriaRole.Button, new() { Name = "Create token" }));
        yield return ("/admin/tokens", p => p.Locator("[data-interactive=true] h1"));
        yield return ("/Account/ChangePassword", p => p.GetByRole(AriaRole.Heading, new() { Name = "Change your password" }));
        yield return ("/no-such-page", p => p.GetByRole(AriaRole.Heading, new() { Name = "Page not found" }));
    }

    // The static account pages follow the theme: before sign-in the browser's scheme, after it the user's choice.
    private static Task ExpectAccountPageThemeAsync(IPage page, bool dark) =>
        Expect(page.Locator(".account-card")).ToHaveCSSAsync("background-color", dark ? "rgb(50, 51, 61)" : "rgb(255, 255, 255)");

    // The one rule a page cannot pass, and why: MudBlazor 9's multi-selection MudSelect (the partner
    // list's Stage filter) renders its value as a div with role="combobox" and offers no parameter
    // that names it (aria-label and the label's for= go to its hidden input). Only that element is let
    // off, and only for aria-input-field-name; every other node and rule still counts.
    private static bool IsKnownLimitation(string rule, AxeResultNode node) =>
        rule == "aria-input-field-name" && node.Html.Contains("mud-input-slot", StringComparison.Ordinal);

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });
        return result.Violations
            .Select(v => (v.Id, v.Help, Nodes: v.Nodes.Where(n => !IsKnownLimitation(v.Id, n)).ToList()))
            .Where(v => v.Nodes.Count > 0)
            .Select(v => $"{path}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString() + " " + n.Html))}");
    }
}
