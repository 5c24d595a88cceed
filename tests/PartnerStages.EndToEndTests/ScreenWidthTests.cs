using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// The main pages on a phone and on a laptop, as each role, in both themes: nothing wider than the
// screen, and every action (Sign out included) on it.
[Collection(BrowserCollection.Name)]
public sealed class ScreenWidthTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _session = null!;
    private int _partnerId;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        await _app.CreateUserAsync(TestData.Manager);
        await _app.CreateUserAsync(TestData.Executive);
        // The manager's own partner, so the check-in form is one of the manager's pages too.
        _partnerId = await _app.AddAssessedPartnerAsync(TestData.Administrator, "Fabrikam Digital Transformation Partners", new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
        }, ownerId: TestData.ManagerId);
        // Its Overdue chip once widened "Last assessed" until "Stage since" left the table at 1366 px.
        await _app.AddAssessedPartnerAsync(TestData.Administrator, "Northwind Overdue Integration Services", new AssessmentInputs
        {
            ProgrammeFluency = 2, DeliveryConfidence = 2, InvestmentConviction = 2, Agility = 2, GoalAlignment = 2,
        }, ownerId: TestData.ManagerId, assessedDaysAgo: 120);
        // A long address and every event, the widest row the webhooks page can have; one test event in its log.
        using (var scope = _app.Services.CreateScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
            var endpoint = await webhooks.CreateAsync(TestData.Administrator, new WebhookEndpointInput { Url = WebhookUrl, Description = "CRM sync" });
            await webhooks.SendTestAsync(TestData.Administrator, endpoint.EndpointId);
        }

        _session = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
    }

    // Nothing listens there: its deliveries fail and stay in the log.
    private const string WebhookUrl = "http://127.0.0.1:9/partner-relationship-management/integrations/partnerstages/webhooks?tenant=contoso-emea";

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }

    public static TheoryData<string, int, int, bool> RolesWidthsThemes()
    {
        var cases = new TheoryData<string, int, int, bool>();
        foreach (var userId in new[] { TestData.AdministratorId, TestData.ManagerId, TestData.ExecutiveId })
        {
            foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
            {
                cases.Add(userId, width, height, false);
                cases.Add(userId, width, height, true);
            }
        }

        return cases;
    }

    // Each main page as each role that may open it, at both widths, in both themes.
    [Theory]
    [MemberData(nameof(RolesWidthsThemes))]
    public async Task Every_main_page_fits_the_screen_with_every_action_on_it(string userId, int width, int height, bool dark)
    {
        var member = TestData.CastMember(userId);
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);
        await _session.SignInAsync(TestData.Email(member), TestData.DisplayName(member));
        if (dark)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        }

        var problems = new List<string>();
        foreach (var (path, ready) in PagesOf(member))
        {
            await _session.GotoAsync(path);
            // Overflow shows once the data is in: wait for each page's content, not a fixed time.
            await Expect(ready(page).First).ToBeVisibleAsync();

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                problems.Add($"{path} is {overflow} px wider than the screen");
            }

            problems.AddRange((await page.EvaluateAsync<string[]>(OffScreenActions)).Select(action => $"{path}: '{action}' is off the screen"));
            if (width < PhoneTableWidth)
            {
                // A MudTable is cards on a phone: a card wider than its box cut every value at its edge. (A simple
                // table, such as the transition matrix, stays a table and may scroll sideways in its box.)
                var wideTables = await page.EvaluateAsync<int>("[...document.querySelectorAll('.mud-main-content .mud-table:not(.mud-simple-table) .mud-table-container')].filter(t => t.scrollWidth > t.clientWidth + 1).length");
                if (wideTables > 0)
                {
                    problems.Add($"{path}: {wideTables} table(s) of cards scroll sideways, their values cut at the edge");
                }
            }

            await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeInViewportAsync();
            if (path == "/partners")
            {
                await PartnerListChecksAsync(page, member, width, height, problems);
            }

            await _session.ScreenshotAsync($"width-{userId}-{width}{(dark ? "-dark" : "")}{path.Replace('/', '-')}");
        }

        Assert.True(problems.Count == 0, $"{userId} at {width}×{height}{(dark ? ", dark" : "")}:\n" + string.Join("\n", problems));
    }

    // MudBlazor's tables turn into cards below 600 px (Breakpoint.Sm, the app's tables' setting).
    private const int PhoneTableWidth = 600;

    private IEnumerable<(string Path, Func<IPage, ILocator> Ready)> PagesOf(Actor member)
    {
        yield return ("/", p => p.Locator("[data-interactive=true] h1"));
        yield return ("/partners", p => p.GetByRole(AriaRole.Link, new() { Name = "Fabrikam Digital Transformation Partners" }));
        yield return ("/dashboard", p => p.GetByTestId("dashboard-ready"));
        yield return ($"/partners/{_partnerId}", p => p.GetByRole(AriaRole.Heading, new() { Name = "Fabrikam Digital Transformation Partners", Level = 1 }));
        yield return ("/account/tokens", p => p.GetByRole(AriaRole.Button, new() { Name = "Create token" }));
        if (member.IsAdministrator || member.IsChannelManager)
        {
            yield return ($"/partners/{_partnerId}/assess", p => p.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }));
        }

        if (member.IsAdministrator)
        {
            yield return ("/admin/users", p => p.GetByRole(AriaRole.Button, new() { Name = "Add user" }));
            yield return ("/admin/rules", p => p.Locator("[data-interactive=true] h1"));
            yield return ("/admin/regions", p => p.GetByRole(AriaRole.Button, new() { Name = "Rename or merge EMEA", Exact = true }));
            yield return ("/admin/import", p => p.Locator("[data-interactive=true] h1"));
            yield return ("/admin/audit", p => p.Locator("[data-interactive=true] td[data-label=When]"));
            yield return ("/admin/backups", p => p.Locator("[data-interactive=true] h1"));
            yield return ("/admin/diagnostics", p => p.Locator("[data-interactive=true] h1"));
            yield return ("/admin/tokens", p => p.Locator("[data-interactive=true] h1"));
            yield return ("/admin/webhooks", p => p.GetByRole(AriaRole.Button, new() { Name = $"Delete {WebhookUrl}" }));
            yield return ("/admin/webhooks/1", p => p.Locator("table[aria-label=Deliveries] td"));
        }
    }

    // Buttons, links and fields of the app bar and the page that lie past either edge of the screen,
    // unless a box of their own scrolls sideways to them. The closed drawer is off-screen by design.
    private const string OffScreenActions = """
        [...document.querySelectorAll('.mud-appbar, .mud-main-content')].flatMap(root =>
            [...root.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, [role=button], [role=combobox]')])
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !e.closest('.mud-drawer'); })
          .filter(e => {
              const r = e.getBoundingClientRect();
              if (r.left >= -0.5 && r.right <= window.innerWidth + 0.5) return false;
              for (let p = e.parentElement; p; p = p.parentElement) {
                  const s = getComputedStyle(p);
                  if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.scrollWidth > p.clientWidth) return false;
              }
              return true;
          })
          .map(e => (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 60))
        """;

    private static async Task PartnerListChecksAsync(IPage page, Actor member, int width, int height, List<string> problems)
    {
        if (member.CanCreatePartners)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add partner" })).ToBeInViewportAsync();
        }

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
        if (clipped > 0)
        {
            problems.Add($"/partners: {clipped} 'Stage since' cells reach past the table at {width}×{height}");
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
        await _session.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));

        await _session.GotoAsync("/admin/users");
        var users = page.GetByRole(AriaRole.Table, new() { Name = "Users", Exact = true });
        await Expect(users.GetByText(TestData.Email(longUser))).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"/admin/users at {width}×{height} is {overflow} px wider than the screen.");
        var actions = users.GetByRole(AriaRole.Button);
        Assert.Equal(12, await actions.CountAsync()); // three per user, four users
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

    // On a phone the live preview follows the form, out of sight while the fields are filled in; a bar
    // at the bottom of the screen keeps the verdict there. On a laptop the preview stands beside the form.
    [Theory]
    [InlineData(390, 844, true)]
    [InlineData(1366, 900, false)]
    public async Task The_check_in_verdict_stays_in_sight_while_the_form_is_filled_in(int width, int height, bool phone)
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);
        await _session.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        await _session.GotoAsync($"/partners/{_partnerId}/assess");
        var summary = page.GetByTestId("preview-summary");
        var preview = page.GetByTestId("preview");
        await Expect(preview.Locator(".mud-chip")).ToBeAttachedAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");

        if (!phone)
        {
            await Expect(summary).ToBeHiddenAsync();
            await Expect(preview).ToBeInViewportAsync();
            return;
        }

        await Expect(preview).Not.ToBeInViewportAsync();
        await Expect(summary).ToBeInViewportAsync();
        await Expect(summary).ToContainTextAsync("The rules would say");
        var box = (await summary.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= height && box.X >= 0 && box.X + box.Width <= width,
            $"The verdict bar spans x {box.X:0}–{box.X + box.Width:0}, y {box.Y:0}–{box.Y + box.Height:0} on a {width}×{height} screen.");
        await _session.ScreenshotAsync("width-390-check-in-verdict-bar");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task The_drawer_offers_sign_out_too(int width, int height)
    {
        var page = _session.Page;
        var drawerSignOut = page.Locator(".mud-drawer").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await OpenDrawerAsync(width, height, "/partners", drawerSignOut);

        await drawerSignOut.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"));
    }

    // On a phone the drawer covers the page: a link taken from it goes to its page and gets out of the
    // way. On a laptop the drawer stays open beside the page.
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task A_link_in_the_drawer_opens_its_page_and_on_a_phone_closes_the_drawer(int width, int height)
    {
        var page = _session.Page;
        var partners = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Partners", Exact = true });
        var phone = await OpenDrawerAsync(width, height, "/", partners);

        await partners.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/partners$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partners", Level = 1 })).ToBeVisibleAsync();
        await Expect(partners).ToHaveAttributeAsync("aria-current", "page");
        if (phone)
        {
            await Expect(partners).Not.ToBeInViewportAsync();
        }
        else
        {
            await Expect(partners).ToBeInViewportAsync();
        }
    }

    // MudDrawer's responsive breakpoint (Md): narrower, the drawer stays closed until the menu button opens it.
    private const int DrawerBreakpointWidth = 960;

    // The administrator on a page at that size with the drawer showing `inDrawer`; true on a phone,
    // where the menu button had to open it.
    private async Task<bool> OpenDrawerAsync(int width, int height, string path, ILocator inDrawer)
    {
        var page = _session.Page;
        await page.SetViewportSizeAsync(width, height);
        await _session.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
        await _session.GotoAsync(path);

        var phone = width < DrawerBreakpointWidth;
        if (phone)
        {
            await Expect(inDrawer).Not.ToBeInViewportAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        }

        await Expect(inDrawer).ToBeInViewportAsync();
        return phone;
    }
}
