using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Web.Components.Layout;

namespace PartnerStages.Web.Tests.Components;

// Signed in as TestData.Manager (the base class) unless a test says otherwise.
public sealed class MainLayoutTests : ComponentTestBase
{
    protected override bool RendersItsOwnProviders => true;

    private IRenderedComponent<MainLayout> RenderLayout() => Render<MainLayout>(p => p
        .Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

    [Fact]
    public void The_app_bar_shows_the_product_and_the_signed_in_user_with_their_role()
    {
        var layout = RenderLayout();

        Assert.Contains("PartnerStages", layout.Markup, StringComparison.Ordinal);
        layout.WaitForAssertion(() =>
            Assert.Equal($"{TestData.DisplayName(TestData.Manager)} · Channel manager", layout.Find("[data-testid=signed-in-user]").TextContent.Trim()), Patience);
        Assert.Contains("page body", layout.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_remembers_it()
    {
        var layout = RenderLayout();

        layout.Find("button[aria-label='Switch to dark theme']").Click();

        layout.WaitForAssertion(() => layout.Find("button[aria-label='Switch to light theme']"), Patience);
        await using var db = Database.CreateContext();
        Assert.True(await db.Users.Where(u => u.Id == TestData.ManagerId).Select(u => u.PrefersDarkMode).SingleAsync());
    }

    [Fact]
    public async Task A_user_who_chose_dark_starts_dark()
    {
        await using (var db = Database.CreateContext())
        {
            await db.Users.Where(u => u.Id == TestData.ManagerId).ExecuteUpdateAsync(set => set.SetProperty(u => u.PrefersDarkMode, true));
        }

        var layout = RenderLayout();

        layout.WaitForAssertion(() => layout.Find("button[aria-label='Switch to light theme']"), Patience);
    }

    [Theory]
    [InlineData(TestData.AdministratorId, true)]
    [InlineData(TestData.ManagerId, false)]
    [InlineData(TestData.ExecutiveId, false)]
    public void Only_administrators_see_the_administration_links(string userId, bool seesUsers)
    {
        SignInAs(TestData.CastMember(userId));

        var layout = RenderLayout();

        var links = layout.FindAll("nav a, .mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Overview", links);
        Assert.Equal(seesUsers, links.Contains("Users"));
    }

    [Theory]
    [InlineData("", "Overview")]
    [InlineData("partners", "Partners")]
    [InlineData("partners/42?tab=history", "Partners")]
    [InlineData("dashboard?owner=x", "Dashboard")]
    [InlineData("admin/rules/3", "Rule sets")]
    public void The_link_of_the_current_page_is_marked_and_follows_navigation(string url, string current)
    {
        SignInAs(TestData.CastMember(TestData.AdministratorId));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("account/tokens");
        var layout = RenderLayout();
        Assert.Empty(layout.FindAll("nav a[aria-current=page]"));

        navigation.NavigateTo(url);

        layout.WaitForAssertion(() => Assert.Equal([current], layout.FindAll("nav a[aria-current=page]").Select(a => a.TextContent.Trim())), Patience);
        Assert.Equal([current], layout.FindAll("nav a.active").Select(a => a.TextContent.Trim()));
    }
}
