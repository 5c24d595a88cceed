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
    private Actor _admin = default!;

    public async Task InitializeAsync()
    {
        var admin = await _factory.CreateUserAsync("admin@example.com", Roles.Administrator, "Ada Admin");
        _admin = new Actor(admin.Id, "admin@example.com", new HashSet<string> { Roles.Administrator });
    }

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
        var executive = new Actor("x", "x", new HashSet<string> { Roles.Executive });

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Administration.CreateAsync(executive, Input()));
        Assert.Equal(1, await _factory.CountUsersAsync());
    }

    [Fact]
    public async Task A_short_password_and_a_taken_email_are_reported_on_their_fields()
    {
        var weak = await Assert.ThrowsAsync<DomainException>(() => Administration.CreateAsync(_admin, Input(password: "short")));
        Assert.Equal(nameof(NewUserInput.Password), weak.Field);
        Assert.Contains("at least 12 characters", weak.Message, StringComparison.Ordinal);

        var taken = await Assert.ThrowsAsync<DomainException>(() => Administration.CreateAsync(_admin, Input(email: "admin@example.com")));
        Assert.Equal(nameof(NewUserInput.Email), taken.Field);
        Assert.Equal(1, await _factory.CountUsersAsync());
    }
}
