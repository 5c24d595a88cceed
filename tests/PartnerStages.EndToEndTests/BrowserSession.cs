using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// One person's browser on the app: a fresh context (own cookies), its page, and the console errors
// it saw. Dates are typed as en-US (M/d/yyyy), so the locale is fixed rather than the machine's.
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Location}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new() { Width = 1400, Height = 900 },
        });
        return new BrowserSession(context, await context.NewPageAsync());
    }

    // Through the real sign-in page; lands on the dashboard with the circuit up.
    public async Task SignInAsync(string email, string displayName)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(KestrelAppFactory.UserPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await ExpectInteractiveAsync();
        await Expect(Page.GetByTestId("signed-in-user")).ToContainTextAsync(displayName);
    }

    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await ExpectInteractiveAsync();
    }

    // Input typed before the circuit is up is lost: wait for the layout to say it is interactive.
    public Task ExpectInteractiveAsync() => Expect(Page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

    // Screenshots only on request (SCREENSHOTS_DIR), for people to look at; no test depends on them.
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR");
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            // From the top, or the fixed app bar is drawn across the middle of a full-page capture.
            await Page.EvaluateAsync("window.scrollTo(0, 0)");
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
