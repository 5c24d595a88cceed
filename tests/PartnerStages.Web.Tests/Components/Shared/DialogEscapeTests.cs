using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Core;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Admin;
using PartnerStages.Web.Components.Pages.Admin.Rules;
using PartnerStages.Web.Components.Pages.Admin.Webhooks;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Shared;

// Escape in every dialog that takes typed input asks before throwing the input away.
public sealed class DialogEscapeTests : ComponentTestBase
{
    // Each dialog with what it needs to open; opened as its page opens it, Escape left to its guard.
    private static readonly Dictionary<string, (Type Dialog, DialogParameters Parameters)> Dialogs = new()
    {
        [nameof(PartnerDialog)] = (typeof(PartnerDialog), new()
        {
            [nameof(PartnerDialog.Input)] = new PartnerInput(),
            [nameof(PartnerDialog.Save)] = (Func<PartnerInput, Task<int>>)(_ => Task.FromResult(0)),
        }),
        [nameof(ContactDialog)] = (typeof(ContactDialog), new()
        {
            [nameof(ContactDialog.Input)] = new ContactInput(),
            [nameof(ContactDialog.Save)] = (Func<ContactInput, Task>)(_ => Task.CompletedTask),
        }),
        [nameof(SponsorDialog)] = (typeof(SponsorDialog), new()
        {
            [nameof(SponsorDialog.Input)] = new SponsorInput(),
            [nameof(SponsorDialog.Save)] = (Func<SponsorInput, Task>)(_ => Task.CompletedTask),
        }),
        [nameof(OverrideDialog)] = (typeof(OverrideDialog), new() { [nameof(OverrideDialog.CurrentStage)] = Stage.Hopeful }),
        [nameof(VoidDialog)] = (typeof(VoidDialog), new() { [nameof(VoidDialog.AssessedOn)] = TestData.Today }),
        [nameof(UserDialog)] = (typeof(UserDialog), new()),
        [nameof(WebhookEndpointDialog)] = (typeof(WebhookEndpointDialog), new()),
        [nameof(TemporaryPasswordDialog)] = (typeof(TemporaryPasswordDialog), new()
        {
            [nameof(TemporaryPasswordDialog.UserId)] = TestData.ManagerId,
            [nameof(TemporaryPasswordDialog.DisplayName)] = "Casey Manager",
        }),
        [nameof(RegionMoveDialog)] = (typeof(RegionMoveDialog), new()
        {
            [nameof(RegionMoveDialog.Region)] = "EMEA",
            [nameof(RegionMoveDialog.Known)] = (IReadOnlyList<string>)["EMEA", "APAC"],
        }),
    };

    public static TheoryData<string> Names() => new(Dialogs.Keys);

    private IRenderedComponent<ContainerFragment> _host = default!;

    protected override Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        return Task.CompletedTask;
    }

    private async Task<IDialogReference> OpenAsync(string name)
    {
        _host = RenderWithProviders(_ => { });
        var (dialog, parameters) = Dialogs[name];
        var service = Services.GetRequiredService<IDialogService>();
        var reference = await _host.InvokeAsync(() => service.ShowAsync(dialog, name, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false }));
        _host.WaitForElement("[data-testid=discard-guard]", Patience);
        return reference;
    }

    private void PressEscape() => _host.Find("[data-testid=discard-guard]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Escape_after_typing_asks_first_and_keep_editing_keeps_the_dialog(string name)
    {
        var dialog = await OpenAsync(name);

        _host.Find("[data-testid=discard-guard]").Input("typed");
        PressEscape();

        _host.WaitForAssertion(() => Assert.Contains("Discard what you typed?", _host.Markup, StringComparison.Ordinal), Patience);
        _host.FindAll("button").Single(b => b.TextContent.Trim() == "Keep editing").Click();
        _host.WaitForAssertion(() => Assert.DoesNotContain("Discard what you typed?", _host.Markup, StringComparison.Ordinal), Patience);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Escape_before_typing_closes_at_once(string name)
    {
        var dialog = await OpenAsync(name);

        PressEscape();

        Assert.True((await dialog.Result.WaitAsync(Patience))?.Canceled);
    }

    // A new dialog fails here until it is in the list above (or said to take no typed input).
    [Fact]
    public void Every_dialog_of_the_app_is_covered()
    {
        var dialogs = typeof(PartnerDialog).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ComponentBase)) && t.Name.EndsWith("Dialog", StringComparison.Ordinal))
            // Publishing is a choice between two buttons: nothing typed to lose.
            .Where(t => t != typeof(PublishDialog))
            // The new secret is only shown, to be copied: nothing typed (and it closes by its button alone).
            .Where(t => t != typeof(WebhookSecretDialog))
            .Select(t => t.Name);

        Assert.Equal(Dialogs.Keys.Order(), dialogs.Order());
    }
}
