using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Accounts;

// Someone whose password an administrator chose reaches nothing but the change-password page.
public sealed class TemporaryPasswordTests : IAsyncLifetime
{
    private const string Email = "casey@example.com";
    private const string Chosen = "copper meadow signal tundra";

    private readonly PartnerStagesFactory _factory = new();

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        await _factory.Services.GetRequiredService<UserAdministration>().CreateAsync(TestData.Administrator,
            new NewUserInput { DisplayName = "Casey New", Email = Email, Role = Roles.Administrator, Password = PartnerStagesFactory.Password });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> SignedInAsync()
    {
        var client = _factory.CreateBrowserlessClient();
        var signIn = await FormPost.SignInAsync(client, Email, PartnerStagesFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        FormPost.SubmitAsync(client, "/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    [Fact]
    public async Task Every_page_and_endpoint_that_needs_a_sign_in_sends_to_change_password()
    {
        using var client = await SignedInAsync();
        var guarded = AuthorizationMatrixTests.Expected
            .Where(e => e.Value is Access.SignedIn or Access.Administrator && e.Key != "/Account/ChangePassword")
            .Select(e => e.Key.Replace("{Id:int}", "1", StringComparison.Ordinal).Replace("{Number:int}", "1", StringComparison.Ordinal)
                .Replace("{kind}", "partners", StringComparison.Ordinal).Replace("{table}", "distribution", StringComparison.Ordinal)
                .Replace("{file}", "partnerstages-x.db", StringComparison.Ordinal))
            .Append("/_blazor/negotiate?negotiateVersion=1")
            .ToList();

        foreach (var path in guarded)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && FormPost.RedirectPath(response) == "/Account/ChangePassword",
                $"{path} answered {(int)response.StatusCode} {FormPost.RedirectPath(response)}");
        }

        var page = await client.GetStringAsync(new Uri("/Account/ChangePassword", UriKind.Relative));
        Assert.Contains("An administrator chose your current password.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Choosing_a_new_password_opens_the_app_and_is_audited()
    {
        using var client = await SignedInAsync();

        var changed = await ChangeAsync(client, PartnerStagesFactory.Password, Chosen);

        Assert.Contains("Your password has been changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/export/partners.csv", UriKind.Relative))).StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        Assert.False(await db.UserClaims.AnyAsync(c => c.ClaimType == TemporaryPassword.ClaimType));
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.PasswordChanged);
        Assert.Equal("Casey New replaced a temporary password with their own.", entry.Summary);
    }

    [Fact]
    public async Task The_temporary_password_itself_is_not_accepted_as_the_new_one()
    {
        using var client = await SignedInAsync();

        var refused = await ChangeAsync(client, PartnerStagesFactory.Password, PartnerStagesFactory.Password);

        Assert.Contains("differs from the current one", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_temporary_password_set_by_an_administrator_ends_the_session_and_applies_at_the_next_sign_in()
    {
        using (var first = await SignedInAsync())
        {
            await ChangeAsync(first, PartnerStagesFactory.Password, Chosen);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
            var id = (await _factory.Services.GetRequiredService<UserDirectory>().ListAsync()).Single(u => u.Email == Email).Id;

            await _factory.Services.GetRequiredService<UserAdministration>().SetTemporaryPasswordAsync(TestData.Administrator, id, PartnerStagesFactory.Password);

            var after = await first.GetAsync(new Uri("/", UriKind.Relative));
            Assert.StartsWith("/Account/Login", FormPost.RedirectPath(after), StringComparison.Ordinal);
        }

        using var second = await SignedInAsync();
        Assert.Equal("/Account/ChangePassword", FormPost.RedirectPath(await second.GetAsync(new Uri("/partners", UriKind.Relative))));
    }
}
