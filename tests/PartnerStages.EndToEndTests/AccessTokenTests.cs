using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// A channel manager makes a token in the browser, at phone width in the dark theme, and a program
// uses it; revoked in the browser, it stops working.
[Collection(BrowserCollection.Name)]
public sealed class AccessTokenTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        await _app.CreateUserAsync(TestData.Manager);
        _session = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_token_made_on_the_account_page_works_for_the_api_until_it_is_revoked()
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await _session.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Access tokens for the API" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access tokens", Level = 1 })).ToBeVisibleAsync();
        await _session.ExpectInteractiveAsync();

        await page.GetByLabel("Token name").FillAsync("CRM sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var secretField = page.GetByLabel("Your new token");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^pst_"));
        var secret = await secretField.InputValueAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth"));
        await _session.ScreenshotAsync("tokens-390-dark-created");
        using var api = new HttpClient { BaseAddress = _app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/partners", UriKind.Relative))).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(secretField).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token CRM sync" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByText("Revoked \"CRM sync\": it no longer works.")).ToBeVisibleAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/partners", UriKind.Relative))).StatusCode);
        Assert.True(_session.ConsoleErrors.Count == 0, string.Join(Environment.NewLine, _session.ConsoleErrors));
    }
}
