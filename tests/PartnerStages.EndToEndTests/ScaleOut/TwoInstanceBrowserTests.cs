using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests.ScaleOut;

// A real browser through the proxy: signed in on one instance, it keeps working when the other
// instance serves the next page load (its new circuit runs there, over the proxied WebSocket).
[Collection(BrowserCollection.Name)]
public sealed class TwoInstanceBrowserTests(BrowserFixture browsers) : IAsyncLifetime
{
    private ScaleOutSetup _setup = default!;

    public async Task InitializeAsync()
    {
        _setup = new ScaleOutSetup();
        await _setup.First.CreateUserAsync(TestData.Administrator, KestrelAppFactory.UserPassword);
        await _setup.First.CreateUserAsync(TestData.Manager, KestrelAppFactory.UserPassword);
    }

    public async Task DisposeAsync() => await _setup.DisposeAsync();

    [Fact]
    public async Task Signed_in_through_the_proxy_the_other_instance_serves_the_next_page_signed_in_and_interactive()
    {
        // localhost, not 127.0.0.1: browsers treat it as a secure context (STACK.md, passkeys).
        await using var session = await BrowserSession.OpenAsync(browsers.Browser, new UriBuilder(_setup.Address) { Host = "localhost" }.Uri);
        await session.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        var first = await LoadPartnersAsync(session);

        var next = first;
        for (var i = 0; i < 2 && next == first; i++)
        {
            await session.Page.Context.ClearCookiesAsync(new() { Name = ScaleOutSetup.AffinityCookie });
            next = await LoadPartnersAsync(session);
        }

        Assert.NotEqual(first, next);
        await session.ExpectInteractiveAsync();
        await Expect(session.Page.GetByTestId("signed-in-user")).ToContainTextAsync(TestData.DisplayName(TestData.Manager));
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/partners$"));
        Assert.Empty(session.ConsoleErrors);
    }

    // Loads the partner list and waits for its circuit; returns the instance that served the page.
    private static async Task<string> LoadPartnersAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/partners");
        await session.ExpectInteractiveAsync();
        return response!.Headers["x-instance"];
    }
}
