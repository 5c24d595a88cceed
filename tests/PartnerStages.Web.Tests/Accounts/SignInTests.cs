using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Accounts;

public sealed partial class SignInTests : IAsyncLifetime
{
    private readonly CountingPasswordHasher _hasher = new();
    private readonly PartnerStagesFactory _factory;

    public SignInTests() =>
        _factory = new PartnerStagesFactory(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher));

    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        await _factory.CreateUserAsync(TestData.Executive);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    public async Task Anonymous_requests_to_pages_are_sent_to_sign_in(string path)
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", FormPost.RedirectPath(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_sees_the_shell()
    {
        using var client = _factory.CreateBrowserlessClient();

        var signIn = await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains("PartnerStages", html, StringComparison.Ordinal);
        Assert.Contains($"{TestData.DisplayName(TestData.Executive)} · Executive", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_message_and_no_session()
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The email or password is not right.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password at all", html, StringComparison.Ordinal);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account()
    {
        using var client = _factory.CreateBrowserlessClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), "wrong password " + attempt);
        }

        var response = await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        // The page says the same to every refusal, so the trail is where the lockout shows.
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        Assert.Equal(AuditAction.LockedOut, (await db.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task A_non_administrator_is_refused_the_user_list()
    {
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", FormPost.RedirectPath(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["signout"] = "1",
        });
        var signOut = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_failures_lockouts_and_sign_outs_are_audited()
    {
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), "wrong password one");
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["signout"] = "1",
        });
        await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form);

        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        var actions = await db.AuditEntries.Where(a => a.UserName == TestData.Email(TestData.Executive)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditAction.SignInFailed, AuditAction.SignedIn, AuditAction.SignedOut], actions);
        Assert.DoesNotContain(db.AuditEntries, a => a.Summary.Contains("wrong password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_password_replaces_the_old_one_and_ends_other_sessions()
    {
        using var other = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(other, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        var response = await FormPost.SubmitAsync(client, "/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PartnerStagesFactory.Password,
            ["Input.NewPassword"] = "granite willow compass ember",
            ["Input.ConfirmPassword"] = "granite willow compass ember",
        });

        Assert.Contains("Your password has been changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        using var fresh = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await FormPost.SignInAsync(fresh, TestData.Email(TestData.Executive), PartnerStagesFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(fresh, TestData.Email(TestData.Executive), "granite willow compass ember")).StatusCode);
    }

    [Theory]
    [InlineData("/partners?q=\u3000")]
    [InlineData("/partners?q=caf\u00e9")]
    public async Task A_return_url_with_non_ascii_characters_signs_in_and_goes_there(string returnUrl)
    {
        // Real Kestrel: it refuses a response header that is not ASCII, where the test server lets it through.
        await using var kestrel = new PartnerStagesFactory().ServeOnKestrel();
        await kestrel.CreateUserAsync(TestData.Administrator);
        using var client = kestrel.CreateBrowserlessClient();

        var response = await FormPost.SubmitAsync(client, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "login",
            new Dictionary<string, string> { ["Input.Email"] = TestData.Email(TestData.Administrator), ["Input.Password"] = PartnerStagesFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = FormPost.RedirectPath(response)!;
        Assert.True(location.All(char.IsAscii), location);
        Assert.Equal(returnUrl, Uri.UnescapeDataString(location));
        await using var scope = kestrel.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        Assert.Equal(AuditAction.SignedIn, (await db.AuditEntries.SingleAsync()).Action);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task A_return_url_to_another_site_goes_home_instead(string returnUrl)
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await FormPost.SubmitAsync(client, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "login",
            new Dictionary<string, string> { ["Input.Email"] = TestData.Email(TestData.Executive), ["Input.Password"] = PartnerStagesFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", FormPost.RedirectPath(response));
    }

    [Fact]
    public async Task A_megabyte_email_gets_a_field_message_and_leaves_the_audit_trail_as_it_was()
    {
        using var client = _factory.CreateBrowserlessClient();
        var before = await AuditCharactersAsync();

        var response = await FormPost.SignInAsync(client, new string('a', 1_000_000) + "@example.com", new string('p', 200));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The email must be at most 256 characters.", html, StringComparison.Ordinal);
        Assert.Contains("The password must be at most 128 characters.", html, StringComparison.Ordinal);
        Assert.InRange(await AuditCharactersAsync() - before, 0, 1_000);
    }

    private async Task<long> AuditCharactersAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        return await db.AuditEntries.SumAsync(a => (long)((a.UserName ?? "").Length + a.Summary.Length));
    }

    [Fact]
    public async Task Every_refusal_costs_one_password_verification_whether_or_not_the_email_has_an_account()
    {
        await ArrangeRefusedAccountsAsync();

        foreach (var email in RefusedEmails)
        {
            var (verifications, _) = await RefuseAsync(email);
            Assert.True(verifications == 1, $"{email}: {verifications} password verifications");
        }
    }

    [Fact]
    public async Task Every_refusal_answers_with_the_same_page_whether_or_not_the_email_has_an_account()
    {
        await ArrangeRefusedAccountsAsync();

        var pages = new List<string>();
        foreach (var email in RefusedEmails)
        {
            pages.Add((await RefuseAsync(email)).Page);
        }

        Assert.Contains("The email or password is not right.", pages[0], StringComparison.Ordinal);
        Assert.All(pages, page => Assert.Equal(pages[0], page));
    }

    // A known account with a wrong password, an unknown email, a locked-out, a disabled and a password-less account.
    private static readonly string[] RefusedEmails =
        [TestData.Email(TestData.Executive), "nobody@example.com", "locked@example.com", "disabled@example.com", "owner@example.com"];

    private async Task ArrangeRefusedAccountsAsync()
    {
        await _factory.CreateUserAsync(TestData.Actor("locked", Roles.Executive));
        var disabled = await _factory.CreateUserAsync(TestData.Actor("disabled", Roles.Executive));
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByIdAsync(disabled.Id))!, DateTimeOffset.MaxValue);
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = "owner@example.com", Email = "owner@example.com", DisplayName = "Owen Owner" })).Succeeded);
        using var client = _factory.CreateBrowserlessClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await FormPost.SignInAsync(client, "locked@example.com", "wrong password " + attempt);
        }
    }

    // The page without what differs by request (token, nonce, the email typed in) and the number of
    // password verifications it took.
    private async Task<(int Verifications, string Page)> RefuseAsync(string email)
    {
        using var client = _factory.CreateBrowserlessClient();
        await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        _hasher.Verifications = 0;

        var response = await FormPost.SignInAsync(client, email, "not the password at all");

        var verifications = _hasher.Verifications;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = (await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal);
        return (verifications, PerRequestValue().Replace(page, "$1$2"));
    }

    [GeneratedRegex("(value=\"|nonce=\"|\"prerenderId\":\"|\"descriptor\":\")[^\"]+|(Blazor-Server-Component-State:)[^-]+")]
    private static partial Regex PerRequestValue();

    // The app's hasher, counting the verifications it is asked for.
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        private int _verifications;

        public int Verifications { get => Volatile.Read(ref _verifications); set => Volatile.Write(ref _verifications, value); }

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
