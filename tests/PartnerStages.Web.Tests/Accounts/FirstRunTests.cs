using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Tests.Accounts;

public sealed class FirstRunTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string SetupCode => _factory.Services.GetRequiredService<FirstRun>().SetupCode;

    private static Dictionary<string, string> SetupForm(string code, string email = "admin@example.com") => new()
    {
        ["Input.SetupCode"] = code,
        ["Input.DisplayName"] = "Ada Admin",
        ["Input.Email"] = email,
        ["Input.Password"] = PartnerStagesFactory.Password,
        ["Input.ConfirmPassword"] = PartnerStagesFactory.Password,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/admin/users")]
    public async Task While_no_administrator_exists_every_page_leads_to_setup(string path)
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", FormPost.RedirectPath(response));
    }

    [Fact]
    public async Task The_setup_page_asks_for_the_code_while_no_administrator_exists()
    {
        using var client = _factory.CreateBrowserlessClient();

        var html = await client.GetStringAsync(new Uri("/setup", UriKind.Relative));

        Assert.Contains("Create the administrator", html, StringComparison.Ordinal);
        Assert.Contains("Setup code", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_creates_a_signed_in_administrator_and_then_disappears()
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await FormPost.SubmitAsync(client, "/setup", "setup", SetupForm(SetupCode));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", FormPost.RedirectPath(response));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = await users.FindByEmailAsync("admin@example.com");
            Assert.NotNull(admin);
            Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
        }

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        using var anonymous = _factory.CreateBrowserlessClient();
        var setup = await anonymous.GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);
    }

    [Fact]
    public async Task Setup_with_a_wrong_code_creates_nobody()
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await FormPost.SubmitAsync(client, "/setup", "setup", SetupForm("WRONG-CODE0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The setup code is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task Setup_shows_field_messages_and_keeps_no_password()
    {
        using var client = _factory.CreateBrowserlessClient();
        var form = SetupForm(SetupCode);
        form["Input.Password"] = "short";
        form["Input.ConfirmPassword"] = "different";
        form["Input.Email"] = "not-an-email";

        var response = await FormPost.SubmitAsync(client, "/setup", "setup", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("The password must be 12 to 128 characters long.", html, StringComparison.Ordinal);
        Assert.Contains("Enter a valid email address.", html, StringComparison.Ordinal);
        Assert.Contains("The two passwords do not match.", html, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task A_second_administrator_cannot_be_created_through_setup()
    {
        using var first = _factory.CreateBrowserlessClient();
        await FormPost.SubmitAsync(first, "/setup", "setup", SetupForm(SetupCode));

        // Replaying the form post (with a fresh token from any page) is refused too.
        using var second = _factory.CreateBrowserlessClient();
        using var replay = new FormUrlEncodedContent(SetupForm(SetupCode, "intruder@example.com"));
        var response = await second.PostAsync(new Uri("/setup", UriKind.Relative), replay);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task Users_without_the_administrator_role_do_not_end_the_first_run()
    {
        await _factory.CreateUserAsync(TestData.Manager);
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("/setup", FormPost.RedirectPath(response));
    }

    [Fact]
    public async Task The_first_run_service_refuses_once_an_administrator_exists()
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var firstRun = _factory.Services.GetRequiredService<FirstRun>();

        var result = await firstRun.CreateAdministratorAsync(users, "Mallory", "mallory@example.com", PartnerStagesFactory.Password);

        Assert.False(result.Succeeded);
        Assert.Null(await users.FindByEmailAsync("mallory@example.com"));
    }

    [Fact]
    public async Task Setup_posts_are_throttled_after_ten_a_minute_while_the_page_stays_readable()
    {
        using var client = _factory.CreateBrowserlessClient();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var wrong = await FormPost.SubmitAsync(client, "/setup", "setup", SetupForm($"WRONG-CODE{attempt}"));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var throttled = await FormPost.SubmitAsync(client, "/setup", "setup", SetupForm(SetupCode));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many setup attempts", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _factory.CountUsersAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/setup", UriKind.Relative))).StatusCode);
    }
}
