using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Components.Pages.Admin;

namespace PartnerStages.Web.Tests.Components.Admin;

public sealed class TemporaryPasswordDialogTests : ComponentTestBase
{
    private IRenderedComponent<ContainerFragment> _host = default!;

    public TemporaryPasswordDialogTests()
    {
        // The user store and reset tokens the service works with (the app's own come with its host).
        Services.AddDataProtection();
        Services.AddIdentityCore<ApplicationUser>(options =>
            {
                // The app's length rule; passphrases need no digits or capitals.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = options.Password.RequireUppercase = options.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PartnerStagesDbContext>()
            .AddDefaultTokenProviders();
    }

    protected override Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    private async Task<IDialogReference> OpenAsync()
    {
        _host = RenderWithProviders(_ => { });
        var parameters = new DialogParameters<TemporaryPasswordDialog>
        {
            { d => d.UserId, TestData.ManagerId },
            { d => d.DisplayName, TestData.DisplayName(TestData.Manager) },
        };
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await _host.InvokeAsync(() => dialogs.ShowAsync<TemporaryPasswordDialog>("Temporary password", parameters));
        _host.WaitForElement(".mud-dialog input[type=password]", Patience);
        return dialog;
    }

    private void TypeAndSave(string password)
    {
        _host.Find(".mud-dialog input[type=password]").Input(password);
        _host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Set temporary password").Click();
    }

    [Fact]
    public async Task Saving_sets_the_password_closes_the_dialog_and_the_user_must_change_it()
    {
        var dialog = await OpenAsync();

        TypeAndSave("amber falcon ridge window");

        var result = await dialog.Result.WaitAsync(Patience);
        Assert.False(result!.Canceled);
        await using var db = Database.CreateContext();
        Assert.True(await db.UserClaims.AnyAsync(c => c.UserId == TestData.ManagerId && c.ClaimType == TemporaryPassword.ClaimType));
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == TestData.ManagerId)).PasswordHash);
    }

    [Fact]
    public async Task A_refused_password_shows_its_reason_and_keeps_the_dialog_open()
    {
        var dialog = await OpenAsync();

        TypeAndSave("short");

        _host.WaitForAssertion(() => Assert.Contains("at least 12 characters", _host.Find(".mud-dialog .mud-input-helper-text").TextContent, StringComparison.Ordinal), Patience);
        Assert.False(dialog.Result.IsCompleted);
        await using var db = Database.CreateContext();
        Assert.False(await db.UserClaims.AnyAsync(c => c.UserId == TestData.ManagerId));
    }
}
