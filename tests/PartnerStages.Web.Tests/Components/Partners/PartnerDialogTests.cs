using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class PartnerDialogTests : ComponentTestBase
{
    private IRenderedComponent<ContainerFragment> _host = default!;

    private async Task<IDialogReference> OpenAsync(PartnerInput input, Func<PartnerInput, Task<int>>? save = null)
    {
        _host = RenderWithProviders(_ => { });
        var partners = Services.GetRequiredService<PartnerService>();
        var actor = await Services.GetRequiredService<CurrentActor>().GetAsync();
        var parameters = new DialogParameters<PartnerDialog>
        {
            { d => d.Title, "Add partner" },
            { d => d.Input, input },
            { d => d.Save, save ?? (i => partners.CreateAsync(actor, i)) },
        };
        var dialogs = Services.GetRequiredService<IDialogService>();
        return await _host.InvokeAsync(() => dialogs.ShowAsync<PartnerDialog>("Add partner", parameters, PartnerDialog.Options));
    }

    // The text shown under the form field whose label is the given one.
    private string FieldMessage(string label) =>
        _host.FindAll(".mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label)
            .QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    private void ClickSave() => _host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Save").Click();

    [Fact]
    public async Task Saving_an_empty_form_shows_the_required_messages_beside_their_fields()
    {
        await OpenAsync(new PartnerInput());
        _host.WaitForElement(".mud-dialog", Patience);

        ClickSave();

        _host.WaitForAssertion(() => Assert.Equal("Name is required.", FieldMessage("Name")), Patience);
        Assert.Equal("Region is required.", FieldMessage("Region"));
        Assert.Equal("Joined programme is required.", FieldMessage("Joined programme"));
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Partners.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_name_from_the_service_shows_beside_the_name_and_keeps_the_dialog_open()
    {
        await AddPartnerAsync(TestData.PartnerRow("Contoso"));
        var dialog = await OpenAsync(new PartnerInput { Name = "contoso ", Region = "EMEA", JoinedProgrammeOn = new DateOnly(2023, 5, 1) });
        _host.WaitForElement(".mud-dialog", Patience);

        ClickSave();

        _host.WaitForAssertion(() => Assert.Equal("A partner named \"contoso\" already exists.", FieldMessage("Name")), Patience);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("contoso ", _host.FindAll(".mud-dialog input")[0].GetAttribute("value"));
    }

    [Fact]
    public async Task A_conflict_shows_the_message_and_keeps_the_typed_input()
    {
        var dialog = await OpenAsync(
            new PartnerInput { Name = "Contoso renamed", Region = "EMEA", JoinedProgrammeOn = new DateOnly(2023, 5, 1) },
            _ => throw new ConcurrencyConflictException("Someone else saved changes to this partner."));
        _host.WaitForElement(".mud-dialog", Patience);

        ClickSave();

        _host.WaitForAssertion(() => Assert.Contains("Someone else saved changes", _host.Find("[data-testid=dialog-problem]").TextContent,
            StringComparison.Ordinal), Patience);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("Contoso renamed", _host.FindAll(".mud-dialog input")[0].GetAttribute("value"));
    }

    [Fact]
    public async Task A_valid_partner_is_created_and_the_dialog_returns_its_id()
    {
        var dialog = await OpenAsync(new PartnerInput { Name = "Fabrikam", Region = "EMEA", JoinedProgrammeOn = new DateOnly(2023, 5, 1) });
        _host.WaitForElement(".mud-dialog", Patience);

        ClickSave();

        var result = await dialog.Result.WaitAsync(Patience);
        await using var db = Database.CreateContext();
        var created = await db.Partners.SingleAsync();
        Assert.Equal(created.Id, result?.Data);
        Assert.Equal(("Fabrikam", TestData.ManagerId), (created.Name, created.OwnerId));
    }

    [Fact]
    public async Task Only_an_administrator_is_offered_the_owner_picker()
    {
        await OpenAsync(new PartnerInput());
        _host.WaitForElement(".mud-dialog", Patience);

        Assert.DoesNotContain(_host.FindAll(".mud-dialog label"), l => l.TextContent.Contains("Owner", StringComparison.Ordinal));
    }
    private void PressKey(string key) =>
        _host.Find("[data-testid=discard-guard]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });

    private void Type(string text) => _host.Find("[data-testid=discard-guard]").Input(text);

    private void ClickButton(string text) => _host.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public async Task Escape_before_anything_is_typed_closes_the_dialog_at_once()
    {
        var dialog = await OpenAsync(new PartnerInput());
        _host.WaitForElement(".mud-dialog", Patience);

        PressKey("Escape");

        var result = await dialog.Result.WaitAsync(Patience);
        Assert.True(result?.Canceled);
    }

    [Fact]
    public async Task Escape_after_typing_asks_and_keep_editing_keeps_the_dialog_and_its_input()
    {
        var dialog = await OpenAsync(new PartnerInput { Name = "Contos" });
        _host.WaitForElement(".mud-dialog", Patience);

        Type("Contoso");
        PressKey("Escape");

        _host.WaitForAssertion(() => Assert.Contains("Discard what you typed?", _host.Markup, StringComparison.Ordinal), Patience);
        ClickButton("Keep editing");
        _host.WaitForAssertion(() => Assert.DoesNotContain("Discard what you typed?", _host.Markup, StringComparison.Ordinal), Patience);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("Contos", _host.FindAll(".mud-dialog input")[0].GetAttribute("value"));
    }

    [Fact]
    public async Task Escape_after_typing_then_discard_closes_the_dialog()
    {
        var dialog = await OpenAsync(new PartnerInput());
        _host.WaitForElement(".mud-dialog", Patience);

        Type("x");
        PressKey("Escape");
        _host.WaitForAssertion(() => Assert.Contains("Discard what you typed?", _host.Markup, StringComparison.Ordinal), Patience);
        ClickButton("Discard");

        var result = await dialog.Result.WaitAsync(Patience);
        Assert.True(result?.Canceled);
    }

    [Fact]
    public void The_partner_dialog_leaves_Escape_to_its_guard() => Assert.False(PartnerDialog.Options.CloseOnEscapeKey);
}
