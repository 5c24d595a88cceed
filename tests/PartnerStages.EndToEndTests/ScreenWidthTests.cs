using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// The main pages on a phone and on a laptop: nothing wider than the screen, and Sign out (and the
// list's own actions) on screen.
[Collection(BrowserCollection.Name)]
public sealed class ScreenWidthTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _session = null!;
    private int _partnerId;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        _partnerId = await _app.AddAssessedPartnerAsync(TestData.Administrator, "Fabrikam Digital Transformation Partners", new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
        });
        // Its Overdue chip once widened "Last assessed" until "Stage since" left the table at 1366 px.
        await _app.AddAssessedPartnerAsync(TestData.Administrator, "Northwind Overdue Integration Services", new AssessmentInputs
        {
            ProgrammeFluency = 2, DeliveryConfidence = 2, InvestmentConviction = 2, Agility = 2, GoalAlignment = 2,
        }, assessedDaysAgo: 120);
        _session = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await _session.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task The_main_pages_fit_the_screen_with_sign_out_on_it(int width, int height)
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);

        foreach (var path in new[] { "/", "/partners", "/dashboard", $"/partners/{_partnerId}" })
        {
            await _session.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            // Overflow shows once the data is in: wait for each page's content, not a fixed time.
            var content = path switch
            {
                "/partners" => page.GetByRole(AriaRole.Link, new() { Name = "Fabrikam Digital Transformation Partners" }),
                "/dashboard" => page.GetByTestId("dashboard-ready"),
                "/" => page.Locator("h1").First,
                _ => page.GetByRole(AriaRole.Heading, new() { Name = "Fabrikam Digital Transformation Partners", Level = 1 }),
            };
            await Expect(content.First).ToBeAttachedAsync();

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} at {width}×{height} is {overflow} px wider than the screen.");
            await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeInViewportAsync();
            if (path == "/partners")
            {
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add partner" })).ToBeInViewportAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToBeInViewportAsync();
                await Expect(page.GetByTestId("overdue-chip")).ToBeVisibleAsync();
                // Inside the table's own scroll box too, not only inside the page.
                var clipped = await page.EvaluateAsync<int>("""
                    [...document.querySelectorAll("td[data-label='Stage since']")].filter(cell => {
                        const box = cell.closest('.mud-table-container').getBoundingClientRect();
                        const rect = cell.getBoundingClientRect();
                        return rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.right > window.innerWidth;
                    }).length
                    """);
                Assert.True(clipped == 0, $"{clipped} 'Stage since' cells reach past the table at {width}×{height}.");
            }

            await _session.ScreenshotAsync($"width-{width}{path.Replace('/', '-')}");
        }
    }

    // A long address (and the name, which such a user goes by) once pushed the actions past a phone's edge.
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task The_users_page_fits_the_screen_with_every_action_on_it(int width, int height)
    {
        var longUser = TestData.Actor("alexandra.featherstonehaugh-montgomery.partner-development", Roles.ChannelManager);
        await _app.CreateUserAsync(longUser);
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);

        await _session.GotoAsync("/admin/users");
        var users = page.GetByRole(AriaRole.Table, new() { Name = "Users", Exact = true });
        await Expect(users.GetByText(TestData.Email(longUser))).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"/admin/users at {width}×{height} is {overflow} px wider than the screen.");
        var actions = users.GetByRole(AriaRole.Button);
        Assert.Equal(6, await actions.CountAsync()); // three per user
        for (var i = 0; i < await actions.CountAsync(); i++)
        {
            var action = actions.Nth(i);
            await action.ScrollIntoViewIfNeededAsync();
            var box = (await action.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width,
                $"'{await action.GetAttributeAsync("aria-label") ?? await action.TextContentAsync()}' spans x {box.X:0}–{box.X + box.Width:0} on a {width} px screen.");
        }

        await users.GetByRole(AriaRole.Button, new() { Name = $"Change role of {TestData.DisplayName(longUser)}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Executive", Exact = true })).ToBeInViewportAsync();
        await _session.ScreenshotAsync($"width-{width}-admin-users");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task The_drawer_offers_sign_out_too(int width, int height)
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);
        await _session.GotoAsync("/partners");

        // On a laptop the drawer stays open beside the page; on a phone it opens from the menu button.
        var drawerSignOut = page.Locator(".mud-drawer").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        if (width < 960)
        {
            await Expect(drawerSignOut).Not.ToBeInViewportAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        }

        await Expect(drawerSignOut).ToBeInViewportAsync();
        await drawerSignOut.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"));
    }
}
