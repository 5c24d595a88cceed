using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

[Collection(BrowserCollection.Name)]
public sealed class FirstRunTests(BrowserFixture browser) : IAsyncLifetime
{
    // The cast's administrator, created here through the setup page rather than seeded.
    private static readonly string Name = TestData.DisplayName(TestData.Administrator);
    private static readonly string Email = TestData.Email(TestData.Administrator);
    private const string Password = "maple quartz harbour lantern";

    private readonly KestrelAppFactory _app = new();
    private readonly List<string> _consoleErrors = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString() });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Location}: {message.Text}");
            }
        };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_fresh_app_leads_to_setup_and_the_new_administrator_can_sign_out_and_back_in()
    {
        await _page.GotoAsync("/");
        await Expect(_page).ToHaveURLAsync(EndsWith("/setup"));
        await ScreenshotAsync("setup");

        await _page.GetByLabel("Setup code", new() { Exact = true }).FillAsync(_app.SetupCode);
        await _page.GetByLabel("Your name", new() { Exact = true }).FillAsync(Name);
        await _page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await _page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await _page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create administrator", Exact = true }).ClickAsync();

        await Expect(_page).ToHaveURLAsync(new Uri(_app.BaseAddress, "/").ToString());
        await ExpectSignedInShellAsync();

        await _page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(EndsWith("/Account/Login"));
        await ScreenshotAsync("sign-in");

        await _page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await _page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(_page).ToHaveURLAsync(new Uri(_app.BaseAddress, "/").ToString());
        await ExpectSignedInShellAsync();
        await ScreenshotAsync("shell-light");

        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_chosen_theme_is_remembered_after_a_reload()
    {
        await CreateAdministratorAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme", Exact = true })).ToBeVisibleAsync();

        await _page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme", Exact = true }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme", Exact = true })).ToBeVisibleAsync();

        await _page.ReloadAsync();
        await ExpectSignedInShellAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("shell-dark");

        Assert.Empty(_consoleErrors);
    }

    private async Task CreateAdministratorAsync()
    {
        await _page.GotoAsync("/setup");
        await _page.GetByLabel("Setup code", new() { Exact = true }).FillAsync(_app.SetupCode);
        await _page.GetByLabel("Your name", new() { Exact = true }).FillAsync(Name);
        await _page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await _page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await _page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create administrator", Exact = true }).ClickAsync();
        await ExpectSignedInShellAsync();
    }

    // The shell is only usable once the circuit is up: clicks before that are lost.
    private async Task ExpectSignedInShellAsync()
    {
        await Expect(_page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(_page.GetByTestId("signed-in-user")).ToHaveTextAsync($"{Name} · Administrator");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Partner maturity at a glance", Exact = true, Level = 1 })).ToBeVisibleAsync();
    }

    // Screenshots only on request (SCREENSHOTS_DIR), for people to look at; no test depends on them.
    private async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR");
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            await _page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    private static Regex EndsWith(string path) => new(Regex.Escape(path) + "$");
}
