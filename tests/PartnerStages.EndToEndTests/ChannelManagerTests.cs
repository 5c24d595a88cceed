using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// A channel manager's week in the browser: a new partner, two check-ins, the why and the path
// forward, an override with its reason; and two managers' edits colliding.
[Collection(BrowserCollection.Name)]
public sealed class ChannelManagerTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string ManagerName = TestData.DisplayName(TestData.Manager);
    private static readonly string ManagerEmail = TestData.Email(TestData.Manager);
    private const string PartnerName = "Northwind Traders";
    private const string OverrideReason = "Signed a three-year co-sell plan with us last week.";

    private readonly KestrelAppFactory _app = new();
    private BrowserSession _manager = null!;

    private IPage Page => _manager.Page;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        await _app.CreateUserAsync(TestData.Manager);
        _manager = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_adds_a_partner_moves_it_from_Denial_to_Hopeful_and_overrides_the_stage_with_a_reason()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        var partnerPath = await AddPartnerAsync(PartnerName);
        var partnerUrl = new Regex(Regex.Escape(partnerPath) + "$");

        // First check-in: low fluency and conviction. The preview says Denial before anything is saved.
        await ClickLinkAsync("New assessment");
        await ExpectAssessmentFormAsync();
        await RateAsync(fluency: 1, delivery: 3, conviction: 2, agility: 2, alignment: 1);
        await Expect(Preview.GetByLabel("Stage: Denial", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("preview-outcome")).ToHaveTextAsync("the partner's first stage");
        await ClickButtonAsync("Save assessment");
        await Expect(Page).ToHaveURLAsync(partnerUrl);
        await ExpectStageInHeaderAsync("Denial");
        await Expect(Heading("Why Denial")).ToBeVisibleAsync();

        // Second check-in starts from the first one's inputs; better ratings preview Hopeful.
        await ClickLinkAsync("New assessment");
        await ExpectAssessmentFormAsync();
        await Expect(Preview.GetByLabel("Stage: Denial", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByLabel("Capability score", new() { Exact = true }).FillAsync("55");
        await Page.GetByLabel("Certified people", new() { Exact = true }).FillAsync("3");
        await RateAsync(fluency: 4, delivery: 4, conviction: 4, agility: 3, alignment: 3);
        await Page.GetByLabel("Evidence", new() { Exact = true }).FillAsync("Two consultants certified; the CEO now sponsors the practice.");
        await Expect(Preview.GetByLabel("Stage: Hopeful Performance", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("preview-outcome")).ToHaveTextAsync("up from Denial");
        await _manager.ScreenshotAsync("assessment-form-preview");
        await ClickButtonAsync("Save assessment");

        // The partner page explains the verdict and what would move the partner on.
        await Expect(Page).ToHaveURLAsync(partnerUrl);
        await ExpectStageInHeaderAsync("Hopeful Performance");
        await Expect(Heading("Why Hopeful Performance")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Conditions of the matched rule", Exact = true })
            .GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Expect(Page.GetByTestId("earlier-rule").Filter(new() { HasText = "Not Denial" })).ToBeVisibleAsync();
        await Expect(Heading("Path forward to Soaring Execution")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Conditions still to meet for Soaring Execution", Exact = true })
            .GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        var assessments = Page.GetByRole(AriaRole.Table, new() { Name = "Assessments", Exact = true });
        await Expect(assessments.GetByTestId("assessment-row")).ToHaveCountAsync(2);
        await Expect(assessments.GetByTestId("assessment-row").First).ToContainTextAsync("the CEO now sponsors the practice");

        // An override needs a written reason, and shows it beside the stage.
        await ClickButtonAsync("Override stage");
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Override stage", Exact = true });
        await Expect(dialog).ToBeVisibleAsync();
        await ChooseAsync(dialog.GetByLabel("Stage", new() { Exact = true }), "Soaring Execution");
        await dialog.GetByLabel("Reason", new() { Exact = true }).FillAsync(OverrideReason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Override", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await ExpectStageInHeaderAsync("Soaring Execution");
        await Expect(Page.GetByTestId("override")).ToContainTextAsync(OverrideReason);
        await Expect(Page.GetByTestId("stage-change").First).ToContainTextAsync(OverrideReason);
        await _manager.ScreenshotAsync("partner-page-after-override");

        // The list marks the stage as set by hand.
        await _manager.GotoAsync("/partners");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = PartnerName, Exact = true }) });
        await Expect(row.GetByLabel("Stage: Soaring Execution", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByLabel("Stage overridden by hand", new() { Exact = true })).ToBeVisibleAsync();
        await _manager.ScreenshotAsync("partner-list");

        Assert.Empty(_manager.ConsoleErrors);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_keeps_what_was_typed()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        var partnerPath = await AddPartnerAsync(PartnerName);
        await using var secondTab = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await secondTab.SignInAsync(ManagerEmail, ManagerName);
        await secondTab.GotoAsync(partnerPath);

        var first = await OpenEditAsync(Page);
        var second = await OpenEditAsync(secondTab.Page);
        await first.GetByLabel("Notes", new() { Exact = true }).FillAsync("Moved to the Berlin office.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(first).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("partner-details")).ToContainTextAsync("Moved to the Berlin office.");

        const string Typed = "Wants a joint pitch to the retail team.";
        await second.GetByLabel("Notes", new() { Exact = true }).FillAsync(Typed);
        await second.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(second.GetByTestId("dialog-problem")).ToContainTextAsync("Someone else saved changes to this partner");
        await Expect(second.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync(Typed);

        // Nothing of the first edit was lost.
        await secondTab.GotoAsync(partnerPath);
        await Expect(secondTab.Page.GetByTestId("partner-details")).ToContainTextAsync("Moved to the Berlin office.");

        Assert.Empty(_manager.ConsoleErrors);
        Assert.Empty(secondTab.ConsoleErrors);
    }

    private ILocator Preview => Page.GetByTestId("preview");

    private ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    // Adds the partner through the list's dialog; returns the path of the partner page it lands on.
    [Fact]
    public async Task Escape_in_Notes_asks_before_the_Add_partner_dialog_discards_what_was_typed()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        await _manager.GotoAsync("/partners");
        await ClickButtonAsync("Add partner");
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Add partner", Exact = true });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(PartnerName);
        var notes = dialog.GetByLabel("Notes", new() { Exact = true });
        await notes.FillAsync("Met at the partner summit.");

        await notes.PressAsync("Escape");
        var ask = Page.GetByRole(AriaRole.Button, new() { Name = "Keep editing", Exact = true });
        await Expect(ask).ToBeVisibleAsync();
        await ask.ClickAsync();

        await Expect(ask).ToBeHiddenAsync();
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(PartnerName);
        await Expect(notes).ToHaveValueAsync("Met at the partner summit.");
    }

    [Fact]
    public async Task A_check_in_draft_survives_a_reload_and_is_gone_once_saved()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        var partnerPath = await AddPartnerAsync(PartnerName);
        await ClickLinkAsync("New assessment");
        await ExpectAssessmentFormAsync();
        var capability = Page.GetByLabel("Capability score", new() { Exact = true });
        var evidence = Page.GetByLabel("Evidence", new() { Exact = true });
        await capability.FillAsync("64");
        await RateAsync(fluency: 4, delivery: 3, conviction: 4, agility: 3, alignment: 2);
        var key = $"check-in-draft:{TestData.ManagerId}:{partnerPath.Split('/').Last()}";
        // The tab keeps each change as it is made (encrypted, so only its length tells): wait for the
        // write that holds the evidence before reloading.
        await Page.WaitForFunctionAsync("key => sessionStorage.getItem(key) !== null", key);
        var kept = await Page.EvaluateAsync<int>("key => sessionStorage.getItem(key).length", key);
        await evidence.FillAsync("Met the new sales lead; <b>keen</b> on co-sell.");
        await evidence.PressAsync("Tab");
        await Page.WaitForFunctionAsync("([key, before]) => sessionStorage.getItem(key).length >= before + 40", new object[] { key, kept });

        await Page.ReloadAsync();
        await ExpectAssessmentFormAsync();

        await Expect(Page.GetByTestId("draft-restored")).ToContainTextAsync("Restored your unsaved check-in");
        await Expect(capability).ToHaveValueAsync("64");
        await Expect(evidence).ToHaveValueAsync("Met the new sales lead; <b>keen</b> on co-sell.");
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Goal alignment: 2", Exact = true })).ToBeCheckedAsync();
        await Expect(Preview.GetByLabel("Stage: Hopeful Performance", new() { Exact = true })).ToBeVisibleAsync();

        await ClickButtonAsync("Save assessment");
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(partnerPath) + "$"));
        await _manager.GotoAsync(partnerPath + "/assess");
        await ExpectAssessmentFormAsync();

        await Expect(evidence).ToHaveValueAsync("");
        await Expect(Page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        Assert.Null(await Page.EvaluateAsync<string?>("key => sessionStorage.getItem(key)", key));
    }

    [Fact]
    public async Task A_restored_check_in_draft_can_be_discarded()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        var partnerPath = await AddPartnerAsync(PartnerName);
        await _manager.GotoAsync(partnerPath + "/assess");
        await ExpectAssessmentFormAsync();
        var key = $"check-in-draft:{TestData.ManagerId}:{partnerPath.Split('/').Last()}";
        await Page.GetByLabel("Certified people", new() { Exact = true }).FillAsync("7");
        await Page.GetByLabel("Certified people", new() { Exact = true }).PressAsync("Tab");
        await Page.WaitForFunctionAsync("key => sessionStorage.getItem(key) !== null", key);

        await Page.ReloadAsync();
        await ExpectAssessmentFormAsync();
        await Expect(Page.GetByLabel("Certified people", new() { Exact = true })).ToHaveValueAsync("7");
        await ClickButtonAsync("Discard it");

        await Expect(Page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Certified people", new() { Exact = true })).ToHaveValueAsync("");
        await Page.ReloadAsync();
        await ExpectAssessmentFormAsync();
        await Expect(Page.GetByLabel("Certified people", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(Page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_check_in_can_be_filled_in_and_saved_with_the_keyboard_alone()
    {
        await _manager.SignInAsync(ManagerEmail, ManagerName);
        var partnerPath = await AddPartnerAsync(PartnerName);
        await _manager.GotoAsync(partnerPath + "/assess");
        await ExpectAssessmentFormAsync();

        await TabToAsync(Page.GetByLabel("Capability score", new() { Exact = true }));
        await Page.Keyboard.TypeAsync("55");
        await TabToAsync(Page.GetByLabel("Certified people", new() { Exact = true }));
        await Page.Keyboard.TypeAsync("3");
        foreach (var (label, rating) in new[]
        {
            ("Programme fluency", 4), ("Delivery confidence", 4), ("Investment conviction", 4), ("Agility", 3), ("Goal alignment", 1),
        })
        {
            // Nothing is chosen yet: Tab lands on the first choice, Space takes it, arrows move along.
            await TabToAsync(Page.GetByRole(AriaRole.Radio, new() { Name = $"{label}: 1", Exact = true }));
            await Page.Keyboard.PressAsync("Space");
            for (var step = 1; step < rating; step++)
            {
                await Page.Keyboard.PressAsync("ArrowRight");
            }

            await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = $"{label}: {rating}", Exact = true })).ToBeCheckedAsync();
        }

        await TabToAsync(Page.GetByLabel("Evidence", new() { Exact = true }));
        await Page.Keyboard.TypeAsync("Typed without a mouse.");
        await Expect(Preview.GetByLabel("Stage: Hopeful Performance", new() { Exact = true })).ToBeVisibleAsync();
        await TabToAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Save assessment", Exact = true }));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(partnerPath) + "$"));
        await ExpectStageInHeaderAsync("Hopeful Performance");
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Assessments", Exact = true }).GetByTestId("assessment-row").First)
            .ToContainTextAsync("Typed without a mouse.");
    }

    // Presses Tab until the element is focused; what it passed says where the order went instead.
    private async Task TabToAsync(ILocator target)
    {
        var passed = new List<string>();
        for (var presses = 0; presses < 80; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            passed.Add(await Page.EvaluateAsync<string>("() => (document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || '').trim().slice(0, 40)"));
        }

        Assert.Fail($"Tab never reached {target}; it went through: {string.Join(" | ", passed.Distinct())}");
    }

    private async Task<string> AddPartnerAsync(string name)
    {
        await _manager.GotoAsync("/partners");
        await Expect(Page.GetByTestId("partner-total")).ToHaveTextAsync("0 partners");
        await ClickButtonAsync("Add partner");
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Add partner", Exact = true });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("Region", new() { Exact = true }).FillAsync("EMEA");
        await dialog.GetByLabel("Region", new() { Exact = true }).PressAsync("Tab");
        await ChooseAsync(dialog.GetByLabel("Solution area", new() { Exact = true }), "Security");
        var joined = dialog.GetByLabel("Joined programme", new() { Exact = true });
        await joined.FillAsync("3/15/2024");
        await joined.PressAsync("Tab");
        await dialog.GetByLabel("Notes", new() { Exact = true }).FillAsync("Met at the partner summit.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var partnerUrl = new Regex(@"/partners/\d+$");
        await Expect(Page).ToHaveURLAsync(partnerUrl);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("partner-details")).ToContainTextAsync("Security");
        await Expect(Page.GetByTestId("partner-details")).ToContainTextAsync("3/15/2024");
        return new Uri(Page.Url).AbsolutePath;
    }

    private static async Task<ILocator> OpenEditAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {PartnerName}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit {PartnerName}", Exact = true });
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(PartnerName);
        return dialog;
    }

    private async Task ExpectAssessmentFormAsync()
    {
        await Expect(Page).ToHaveURLAsync(new Regex(@"/partners/\d+/assess$"));
        await _manager.ExpectInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New assessment", Exact = true, Level = 1 })).ToBeVisibleAsync();
    }

    private async Task RateAsync(int fluency, int delivery, int conviction, int agility, int alignment)
    {
        foreach (var (label, rating) in new[]
        {
            ("Programme fluency", fluency), ("Delivery confidence", delivery), ("Investment conviction", conviction),
            ("Agility", agility), ("Goal alignment", alignment),
        })
        {
            var radio = Page.GetByRole(AriaRole.Radio, new() { Name = $"{label}: {rating}", Exact = true });
            await radio.CheckAsync();
            await Expect(radio).ToBeCheckedAsync();
        }
    }

    private async Task ExpectStageInHeaderAsync(string stage) =>
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator("..")
            .GetByLabel($"Stage: {stage}", new() { Exact = true })).ToBeVisibleAsync();

    // "New assessment" looks like a button but navigates, so it is a link.
    private Task ClickLinkAsync(string name) =>
        Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private Task ClickButtonAsync(string name) =>
        Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    // A MudSelect opens its list in a popover outside the dialog; pick the option by its name.
    // What was chosen is checked where it shows after saving (details card, stage header).
    private async Task ChooseAsync(ILocator select, string option)
    {
        await select.ClickAsync();
        var item = Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(item).ToBeHiddenAsync();
    }
}
