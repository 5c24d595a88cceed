using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;
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

    [Fact]
    public async Task Two_edits_of_one_partner_on_different_instances_the_second_gets_the_conflict_message_and_keeps_its_input()
    {
        const string Partner = "Contoso Cloud Partners";
        int id;
        await using (var scope = _setup.First.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PartnerService>().CreateAsync(TestData.Manager, new PartnerInput
            {
                Name = Partner, Region = "EMEA", SolutionArea = SolutionArea.Security, ProgrammeLevel = ProgrammeLevel.Member,
                JoinedProgrammeOn = new DateOnly(2024, 1, 15),
            });
        }

        var proxy = new UriBuilder(_setup.Address) { Host = "localhost" }.Uri;
        await using var one = await BrowserSession.OpenAsync(browsers.Browser, proxy);
        await using var other = await BrowserSession.OpenAsync(browsers.Browser, proxy);
        await one.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        await other.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        var oneServedBy = await LoadAsync(one, $"/partners/{id}");
        var otherServedBy = await LoadAsync(other, $"/partners/{id}");
        for (var i = 0; i < 4 && otherServedBy == oneServedBy; i++)
        {
            await other.Page.Context.ClearCookiesAsync(new() { Name = ScaleOutSetup.AffinityCookie });
            otherServedBy = await LoadAsync(other, $"/partners/{id}");
        }

        Assert.NotEqual(oneServedBy, otherServedBy);
        var first = await OpenEditAsync(one.Page, Partner);
        var second = await OpenEditAsync(other.Page, Partner);
        await first.GetByLabel("Notes", new() { Exact = true }).FillAsync("Moved to the Berlin office.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(first).ToBeHiddenAsync();

        const string Typed = "Wants a joint pitch to the retail team.";
        await second.GetByLabel("Notes", new() { Exact = true }).FillAsync(Typed);
        await second.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(second.GetByTestId("dialog-problem")).ToContainTextAsync("Someone else saved changes to this partner");
        await Expect(second.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync(Typed);

        // The other instance shows the first edit once the page is loaded again.
        Assert.Equal(otherServedBy, await LoadAsync(other, $"/partners/{id}"));
        await Expect(other.Page.GetByTestId("partner-details")).ToContainTextAsync("Moved to the Berlin office.");
        Assert.Empty(one.ConsoleErrors);
        Assert.Empty(other.ConsoleErrors);
    }

    private static async Task<ILocator> OpenEditAsync(IPage page, string partner)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {partner}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit {partner}", Exact = true });
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(partner);
        return dialog;
    }

    // Loads a page and waits for its circuit; returns the instance that served it.
    private static async Task<string> LoadAsync(BrowserSession session, string path)
    {
        var response = await session.Page.GotoAsync(path);
        await session.ExpectInteractiveAsync();
        return response!.Headers["x-instance"];
    }

    // Loads the partner list and waits for its circuit; returns the instance that served the page.
    private static async Task<string> LoadPartnersAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/partners");
        await session.ExpectInteractiveAsync();
        return response!.Headers["x-instance"];
    }
}
