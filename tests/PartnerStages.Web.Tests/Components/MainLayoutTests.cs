using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Components.Layout;

namespace PartnerStages.Web.Tests.Components;

public sealed class MainLayoutTests : ComponentTestBase
{
    private readonly TestDatabase _database = new();
    // The first query on a cold SQLite file can take a while on a busy machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private BunitAuthorizationContext _auth = default!;

    protected override async Task ArrangeAsync()
    {
        await _database.RegisterAsync(Services);
        await using var db = _database.CreateContext();
        db.Users.Add(new ApplicationUser { Id = "u1", UserName = "ada@example.com", Email = "ada@example.com", DisplayName = "Ada Lovelace" });
        await db.SaveChangesAsync();

        _auth = AddAuthorization();
        SignInAs(Roles.ChannelManager);
    }

    private void SignInAs(string role)
    {
        _auth.SetAuthorized("ada@example.com");
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "u1"));
    }

    protected override async Task DisposeResourcesAsync() => await _database.DisposeAsync();

    private IRenderedComponent<MainLayout> RenderLayout() => Render<MainLayout>(p => p
        .Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

    [Fact]
    public void The_app_bar_shows_the_product_and_the_signed_in_user_with_their_role()
    {
        var layout = RenderLayout();

        Assert.Contains("PartnerStages", layout.Markup, StringComparison.Ordinal);
        layout.WaitForAssertion(() =>
            Assert.Equal("Ada Lovelace · Channel manager", layout.Find("[data-testid=signed-in-user]").TextContent.Trim()), Patience);
        Assert.Contains("page body", layout.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_remembers_it()
    {
        var layout = RenderLayout();

        layout.Find("button[aria-label='Switch to dark theme']").Click();

        layout.WaitForAssertion(() => layout.Find("button[aria-label='Switch to light theme']"), Patience);
        await using var db = _database.CreateContext();
        Assert.True(await db.Users.Where(u => u.Id == "u1").Select(u => u.PrefersDarkMode).SingleAsync());
    }

    [Fact]
    public async Task A_user_who_chose_dark_starts_dark()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Users.Where(u => u.Id == "u1").ExecuteUpdateAsync(set => set.SetProperty(u => u.PrefersDarkMode, true));
        }

        var layout = RenderLayout();

        layout.WaitForAssertion(() => layout.Find("button[aria-label='Switch to light theme']"), Patience);
    }

    [Theory]
    [InlineData(Roles.Administrator, true)]
    [InlineData(Roles.ChannelManager, false)]
    [InlineData(Roles.Executive, false)]
    public void Only_administrators_see_the_administration_links(string role, bool seesUsers)
    {
        SignInAs(role);

        var layout = RenderLayout();

        var links = layout.FindAll("nav a, .mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Overview", links);
        Assert.Equal(seesUsers, links.Contains("Users"));
    }
}
