using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Tests.Accounts;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();
    private readonly Actor _admin = TestData.Administrator;

    public async Task InitializeAsync() => await _factory.CreateUserAsync(TestData.Administrator);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private UserAdministration Administration => _factory.Services.GetRequiredService<UserAdministration>();

    private static NewUserInput Input(string email = "cm@example.com", string password = PartnerStagesFactory.Password) =>
        new() { DisplayName = "Casey Manager", Email = email, Role = Roles.ChannelManager, Password = password };

    [Fact]
    public async Task An_administrator_creates_a_channel_manager_who_can_sign_in()
    {
        await Administration.CreateAsync(_admin, Input());

        using var client = _factory.CreateBrowserlessClient();
        var signIn = await FormPost.SignInAsync(client, "cm@example.com", PartnerStagesFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("cm@example.com"))!, Roles.ChannelManager));
    }

    [Fact]
    public async Task Only_administrators_create_users()
    {
        var executive = TestData.Executive;

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Administration.CreateAsync(executive, Input()));
        Assert.Equal(1, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task A_short_password_and_a_taken_email_are_reported_on_their_fields()
    {
        var weak = await Assert.ThrowsAsync<DomainException>(() => Administration.CreateAsync(_admin, Input(password: "short")));
        Assert.Equal(nameof(NewUserInput.Password), weak.Field);
        Assert.Contains("at least 12 characters", weak.Message, StringComparison.Ordinal);

        var taken = await Assert.ThrowsAsync<DomainException>(() => Administration.CreateAsync(_admin, Input(email: TestData.Email(TestData.Administrator))));
        Assert.Equal(nameof(NewUserInput.Email), taken.Field);
        Assert.Equal(1, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task Nobody_can_disable_or_demote_the_last_administrator()
    {
        var second = await Administration.CreateAsync(_admin, Input(email: "second@example.com"));
        var secondActor = new Actor(second, "second@example.com", new HashSet<string> { Roles.Administrator });

        var demote = await Assert.ThrowsAsync<DomainException>(() => Administration.ChangeRoleAsync(secondActor, _admin.UserId, Roles.Executive));
        var disable = await Assert.ThrowsAsync<DomainException>(() => Administration.SetDisabledAsync(secondActor, _admin.UserId, true));

        Assert.Contains("last administrator", demote.Message, StringComparison.Ordinal);
        Assert.Contains("last administrator", disable.Message, StringComparison.Ordinal);
        await Administration.ChangeRoleAsync(_admin, second, Roles.Administrator);
        await Administration.ChangeRoleAsync(secondActor, _admin.UserId, Roles.Executive);
    }

    [Fact]
    public async Task A_disabled_user_is_signed_out_and_cannot_sign_in_again()
    {
        var id = await Administration.CreateAsync(_admin, Input());
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, "cm@example.com", PartnerStagesFactory.Password);
        // A new user's first page is the change-password page (their first password is temporary).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))).StatusCode);

        await Administration.SetDisabledAsync(_admin, id, disabled: true);

        // The test host re-checks the security stamp on every request (production: within a minute).
        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))), StringComparison.Ordinal);
        var again = await FormPost.SignInAsync(client, "cm@example.com", PartnerStagesFactory.Password);
        // Refused like any wrong password (a "disabled" message would tell that the email has an account);
        // the trail records why.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("The email or password is not right.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))), StringComparison.Ordinal);
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStages.Data.PartnerStagesDbContext>();
        var refused = db.AuditEntries.Where(a => a.Action == PartnerStages.Core.Audit.AuditAction.LockedOut).Select(a => a.Summary).ToList();
        Assert.Contains("Sign-in refused for cm@example.com: the account is disabled.", refused);
    }

    [Fact]
    public async Task A_role_change_ends_open_sessions_so_the_new_role_applies_at_the_next_sign_in()
    {
        var id = await Administration.CreateAsync(_admin, Input());
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, "cm@example.com", PartnerStagesFactory.Password);

        await Administration.ChangeRoleAsync(_admin, id, Roles.Executive);

        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(await client.GetAsync(new Uri("/Account/ChangePassword", UriKind.Relative))), StringComparison.Ordinal);
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PartnerStages.Data.PartnerStagesDbContext>();
        var entry = Assert.Single(db.AuditEntries.Where(a => a.Action == PartnerStages.Core.Audit.AuditAction.RoleChanged));
        Assert.Contains("ChannelManager", entry.Before, StringComparison.Ordinal);
        Assert.Contains("Executive", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    [InlineData("zzzzzzzzzzzzzz")]
    [InlineData("casey.manager!!")]
    [InlineData("Casey Manager 2026")]
    public async Task Common_and_personal_passwords_are_refused(string password)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Administration.CreateAsync(_admin, Input(email: "casey.manager@example.com", password: password)));

        Assert.Equal(nameof(NewUserInput.Password), error.Field);
        Assert.Contains("too easy to guess", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_passphrase_of_up_to_128_characters_is_accepted()
    {
        var passphrase = string.Join(' ', Enumerable.Repeat("violet orbit canyon", 6))[..100];

        await Administration.CreateAsync(_admin, Input(password: passphrase));

        Assert.Equal(2, await _factory.CountUsersAsync());
    }
    private async Task<(bool MustChange, bool PasswordWorks)> AccountAsync(string id, string password)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(id))!;
        return ((await users.GetClaimsAsync(user)).Any(c => c.Type == TemporaryPassword.ClaimType), await users.CheckPasswordAsync(user, password));
    }

    [Fact]
    public async Task The_first_password_an_administrator_gives_must_be_changed()
    {
        var id = await Administration.CreateAsync(_admin, Input());

        Assert.Equal((true, true), await AccountAsync(id, PartnerStagesFactory.Password));
    }

    [Fact]
    public async Task A_temporary_password_replaces_the_old_one_lifts_a_lockout_and_is_audited()
    {
        var id = await Administration.CreateAsync(_admin, Input());
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.RemoveClaimsAsync(user, await users.GetClaimsAsync(user));
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5));
        }

        await Administration.SetTemporaryPasswordAsync(_admin, id, "amber falcon ridge window");

        Assert.Equal((true, false), await AccountAsync(id, PartnerStagesFactory.Password));
        Assert.True((await AccountAsync(id, "amber falcon ridge window")).PasswordWorks);
        await using var check = _factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        Assert.Null((await db.Users.FindAsync(id))!.LockoutEnd);
        var entry = Assert.Single(db.AuditEntries.Where(a => a.Action == PartnerStages.Core.Audit.AuditAction.TemporaryPasswordSet));
        Assert.Equal(id, entry.EntityId);
        Assert.Equal(_admin.UserId, entry.UserId);
        Assert.Equal("Set a temporary password for Casey Manager; they must change it at their next sign-in.", entry.Summary);
        Assert.DoesNotContain("amber", entry.Summary + entry.Before + entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_password_keeps_a_disabled_account_disabled()
    {
        var id = await Administration.CreateAsync(_admin, Input());
        await Administration.SetDisabledAsync(_admin, id, disabled: true);

        await Administration.SetTemporaryPasswordAsync(_admin, id, "amber falcon ridge window");

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        Assert.Equal(DateTimeOffset.MaxValue, (await db.Users.FindAsync(id))!.LockoutEnd);
    }

    [Fact]
    public async Task Only_administrators_set_temporary_passwords_and_never_their_own_or_a_weak_one()
    {
        var id = await Administration.CreateAsync(_admin, Input());

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Administration.SetTemporaryPasswordAsync(TestData.Executive, id, "amber falcon ridge window"));
        var own = await Assert.ThrowsAsync<DomainException>(() => Administration.SetTemporaryPasswordAsync(_admin, _admin.UserId, "amber falcon ridge window"));
        var weak = await Assert.ThrowsAsync<DomainException>(() => Administration.SetTemporaryPasswordAsync(_admin, id, "short"));

        Assert.Contains("your own password", own.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(NewUserInput.Password), weak.Field);
        Assert.True((await AccountAsync(id, PartnerStagesFactory.Password)).PasswordWorks);
    }
}
