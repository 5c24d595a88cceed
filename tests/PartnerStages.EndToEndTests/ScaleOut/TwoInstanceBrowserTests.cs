using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests.ScaleOut;

// A real browser through the proxy: signed in on one instance, it keeps working when the other
// instance serves the next page load (its new circuit runs there, over the proxied WebSocket).
[Collection(BrowserCollection.Name)]
public sealed class TwoInstanceBrowserTests(BrowserFixture browsers) : IAsyncLifetime
{
    private ScaleOutSetup _setup = default!;

    public async Task InitializeAsync()
    {
        _setup = new ScaleOutSetup();
        await _setup.First.CreateUserAsync(TestData.Administrator, KestrelAppFactory.UserPassword);
        await _setup.First.CreateUserAsync(TestData.Manager, KestrelAppFactory.UserPassword);
    }

    public async Task DisposeAsync() => await _setup.DisposeAsync();

    [Fact]
    public async Task Signed_in_through_the_proxy_the_other_instance_serves_the_next_page_signed_in_and_interactive()
    {
        await using var session = await BrowserSession.OpenAsync(browsers.Browser, Proxy);
        await session.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        var first = await LoadPartnersAsync(session);

        var next = first;
        for (var i = 0; i < 2 && next == first; i++)
        {
            await session.Page.Context.ClearCookiesAsync(new() { Name = ScaleOutSetup.AffinityCookie });
            next = await LoadPartnersAsync(session);
        }

        Assert.NotEqual(first, next);
        await session.ExpectInteractiveAsync();
        await Expect(session.Page.GetByTestId("signed-in-user")).ToContainTextAsync(TestData.DisplayName(TestData.Manager));
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/partners$"));
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Two_edits_of_one_partner_on_different_instances_the_second_gets_the_conflict_message_and_keeps_its_input()
    {
        const string Partner = "Contoso Cloud Partners";
        var id = await CreatePartnerAsync(Partner);
        await using var one = await BrowserSession.OpenAsync(browsers.Browser, Proxy);
        await using var other = await BrowserSession.OpenAsync(browsers.Browser, Proxy);
        await one.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        await other.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        var oneServedBy = await LoadAsync(one, $"/partners/{id}");
        var otherServedBy = await LoadAsync(other, $"/partners/{id}");
        for (var i = 0; i < 4 && otherServedBy == oneServedBy; i++)
        {
            await other.Page.Context.ClearCookiesAsync(new() { Name = ScaleOutSetup.AffinityCookie });
            otherServedBy = await LoadAsync(other, $"/partners/{id}");
        }

        Assert.NotEqual(oneServedBy, otherServedBy);
        var first = await OpenEditAsync(one.Page, Partner);
        var second = await OpenEditAsync(other.Page, Partner);
        await first.GetByLabel("Notes", new() { Exact = true }).FillAsync("Moved to the Berlin office.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(first).ToBeHiddenAsync();

        const string Typed = "Wants a joint pitch to the retail team.";
        await second.GetByLabel("Notes", new() { Exact = true }).FillAsync(Typed);
        await second.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(second.GetByTestId("dialog-problem")).ToContainTextAsync("Someone else saved changes to this partner");
        await Expect(second.GetByLabel("Notes", new() { Exact = true })).ToHaveValueAsync(Typed);

        // The other instance shows the first edit once the page is loaded again.
        Assert.Equal(otherServedBy, await LoadAsync(other, $"/partners/{id}"));
        await Expect(other.Page.GetByTestId("partner-details")).ToContainTextAsync("Moved to the Berlin office.");
        Assert.Empty(one.ConsoleErrors);
        Assert.Empty(other.ConsoleErrors);
    }

    [Fact]
    public async Task A_rule_set_published_in_the_lab_on_one_instance_judges_the_next_check_in_on_the_other()
    {
        // A check-in the published draft judges otherwise: Hopeful under v1, Soaring once Soaring's bar is 60.
        var inputs = new AssessmentInputs
        {
            ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 4, GoalAlignment = 4,
            CapabilityScore = 72, CoSellWins = 2, ActiveFieldContacts = 2,
        };
        var history = PartnerHistory.FirstAssessment(new DateOnly(2024, 1, 15), TestData.Today);
        var lowered = RuleSet.Default with { Version = 2, Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 60 } };
        Assert.Equal([Stage.Hopeful, Stage.Soaring],
            new[] { StageClassifier.Classify(inputs, history, RuleSet.Default), StageClassifier.Classify(inputs, history, lowered) });

        var id = await CreatePartnerAsync("Litware Consulting");
        await using var administrator = await BrowserSession.OpenAsync(browsers.Browser, Proxy);
        await using var manager = await BrowserSession.OpenAsync(browsers.Browser, Proxy);
        await administrator.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
        await manager.SignInAsync(TestData.Email(TestData.Manager), TestData.DisplayName(TestData.Manager));
        var labServedBy = await LoadAsync(administrator, "/admin/rules");
        var formServedBy = await LoadAsync(manager, $"/partners/{id}/assess");
        for (var i = 0; i < 4 && formServedBy == labServedBy; i++)
        {
            await manager.Page.Context.ClearCookiesAsync(new() { Name = ScaleOutSetup.AffinityCookie });
            formServedBy = await LoadAsync(manager, $"/partners/{id}/assess");
        }

        Assert.NotEqual(labServedBy, formServedBy);

        // The manager fills the check-in on the other instance, which judges it under v1 for now.
        var form = manager.Page;
        await form.GetByLabel(InputLabels.CapabilityScore, new() { Exact = true }).FillAsync("72");
        await form.GetByLabel(InputLabels.CoSellWins, new() { Exact = true }).FillAsync("2");
        await form.GetByLabel(InputLabels.ActiveFieldContacts, new() { Exact = true }).FillAsync("2");
        foreach (var label in new[] { InputLabels.ProgrammeFluency, InputLabels.DeliveryConfidence, InputLabels.InvestmentConviction, InputLabels.Agility, InputLabels.GoalAlignment })
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = $"{label}: 4", Exact = true }).CheckAsync();
        }

        var preview = form.GetByTestId("preview");
        await Expect(preview.GetByLabel("Stage: Hopeful Performance", new() { Exact = true })).ToBeVisibleAsync();

        // The administrator lowers Soaring's bar in a draft and publishes it without re-evaluating.
        var lab = administrator.Page;
        await lab.GetByRole(AriaRole.Button, new() { Name = "Start a draft from v1", Exact = true }).ClickAsync();
        await Expect(lab).ToHaveURLAsync(new Regex("/admin/rules/2$"));
        await administrator.ExpectInteractiveAsync();
        await lab.GetByLabel("Maturity index at least").FillAsync("60");
        await lab.GetByRole(AriaRole.Button, new() { Name = "Save draft", Exact = true }).ClickAsync();
        await Expect(lab.GetByLabel("Validation summary")).ToHaveTextAsync("Every value is valid: this draft can be published.");
        await lab.GetByRole(AriaRole.Button, new() { Name = "Publish v2", Exact = true }).ClickAsync();
        var dialog = lab.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Let new verdicts arrive with the next check-ins" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Publish v2", Exact = true }).ClickAsync();
        await Expect(lab.GetByLabel("Publish result")).ToContainTextAsync("Rule set v2 is active");

        // A few seconds later (the other instance checks the database's rule-set stamp), the form loaded
        // again there keeps the typed draft and judges it under v2; the check-in is saved under v2.
        (formServedBy == "first" ? _setup.First : _setup.Second).Clock.Skip(RuleSetStore.StampCheckInterval);
        Assert.Equal(formServedBy, await LoadAsync(manager, $"/partners/{id}/assess"));
        await Expect(form.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(preview.GetByLabel("Stage: Soaring Execution", new() { Exact = true })).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save assessment", Exact = true }).ClickAsync();
        await Expect(form).ToHaveURLAsync(new Regex($"/partners/{id}$"));
        await Expect(form.GetByTestId("verdict-version").First).ToHaveTextAsync("Rule set v2");
        Assert.Empty(administrator.ConsoleErrors);
        Assert.Empty(manager.ConsoleErrors);
    }

    // localhost, not 127.0.0.1: browsers treat it as a secure context (STACK.md, passkeys).
    private Uri Proxy => new UriBuilder(_setup.Address) { Host = "localhost" }.Uri;

    private async Task<int> CreatePartnerAsync(string name)
    {
        await using var scope = _setup.First.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PartnerService>().CreateAsync(TestData.Manager, new PartnerInput
        {
            Name = name, Region = "EMEA", SolutionArea = SolutionArea.Security, ProgrammeLevel = ProgrammeLevel.Member,
            JoinedProgrammeOn = new DateOnly(2024, 1, 15),
        });
    }

    private static async Task<ILocator> OpenEditAsync(IPage page, string partner)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {partner}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Edit {partner}", Exact = true });
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(partner);
        return dialog;
    }

    // Loads a page and waits for its circuit; returns the instance that served it.
    private static async Task<string> LoadAsync(BrowserSession session, string path)
    {
        var response = await session.Page.GotoAsync(path);
        await session.ExpectInteractiveAsync();
        return response!.Headers["x-instance"];
    }

    // Loads the partner list and waits for its circuit; returns the instance that served the page.
    private static async Task<string> LoadPartnersAsync(BrowserSession session)
    {
        var response = await session.Page.GotoAsync("/partners");
        await session.ExpectInteractiveAsync();
        return response!.Headers["x-instance"];
    }
}
