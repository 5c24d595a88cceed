using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerService = PartnerStages.Data.Partners.PartnerService;
using PartnerStages.Core;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class PartnerPageTests : ComponentTestBase
{
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private PartnerService PartnerService => Services.GetRequiredService<PartnerService>();

    // A partner the signed-in manager owns and has not assessed yet.
    private Task<int> CreatePartnerAsync() => AddPartnerAsync(TestData.PartnerRow());

    private IRenderedComponent<PartnerPage> RenderPage(int partnerId)
    {
        _dialogs = Render<MudDialogProvider>();
        var page = Render<PartnerPage>(p => p.Add(x => x.Id, partnerId));
        page.WaitForElement("h1", Patience);
        return page;
    }

    private static List<string> ButtonTexts<T>(IRenderedComponent<T> rendered) where T : IComponent =>
        rendered.FindAll("button, a.mud-button-root").Select(b => b.TextContent.Trim()).ToList();

    private static string Squeezed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task An_assessed_partner_shows_why_its_stage_and_the_path_forward()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(fluency: 4, delivery: 4, conviction: 4), daysAgo: 10);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("Why Hopeful Performance", page.Markup, StringComparison.Ordinal), Patience);
        var earlier = page.FindAll("[data-testid=earlier-rule]").Select(e => e.TextContent).ToList();
        Assert.Contains(earlier, e => e.Contains("Not Soaring Execution", StringComparison.Ordinal) && e.Contains("Maturity index", StringComparison.Ordinal));
        Assert.Contains(earlier, e => e.Contains("Not Denial", StringComparison.Ordinal) && e.Contains("Programme fluency: 4 (needs at most 2)", StringComparison.Ordinal));
        Assert.Contains("Path forward to Soaring Execution", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Active field contacts: 1 (needs at least 2) — 1 to go", Squeezed(page.Find("[aria-label='Conditions still to meet for Soaring Execution']").TextContent), StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[aria-label=Playbook] li"));
        Assert.Single(page.FindAll("[data-testid=stage-change]"));
        Assert.Contains("One assessment so far", page.Find("[data-testid=chart-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_check_in_and_each_move_it_caused_names_the_rule_set_version_behind_its_verdict()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(fluency: 1), daysAgo: 20);
        await PublishNextVersionAsync();
        await RecordAsync(id, TestData.Inputs(), daysAgo: 10);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal(["Rule set v2", "Rule set v1"],
            page.FindAll("[data-testid=verdict-version]").Select(v => v.TextContent.Trim())), Patience);
        var moves = page.FindAll("[data-testid=stage-change]").Select(c => Squeezed(c.TextContent)).ToList();
        Assert.Equal(2, moves.Count);
        Assert.Contains("Assessment under rule set v2 ·", moves[0], StringComparison.Ordinal);
        Assert.Contains("First assessment under rule set v1 ·", moves[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_made_by_re_evaluation_names_the_version_published()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80), daysAgo: 10);
        await PublishNextVersionAsync(r => r with { Soaring = r.Soaring with { MaturityIndexAtLeast = 55 } }, reevaluate: true);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=stage-change]").Count), Patience);
        var latest = Squeezed(page.FindAll("[data-testid=stage-change]")[0].TextContent);
        Assert.Contains("Re-evaluated", latest, StringComparison.Ordinal);
        Assert.Contains("rule set v2 published", latest, StringComparison.Ordinal);
        Assert.DoesNotContain("under rule set", latest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_never_assessed_invites_the_first_check_in()
    {
        var id = await CreatePartnerAsync();

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("Not assessed yet — record the first check-in", page.Find("[data-testid=not-assessed]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Record the first assessment", ButtonTexts(page));
        Assert.DoesNotContain("Override stage", ButtonTexts(page));
    }

    [Fact]
    public async Task An_executive_sees_the_stage_and_the_pending_regression_but_no_action()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(), daysAgo: 20);
        await RecordAsync(id, TestData.Inputs(fluency: 1), daysAgo: 10);
        SignInAs(TestData.Executive);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("Denial", page.Find("[data-testid=pending-regression]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("waits for confirmation", page.Find("[data-testid=verdict-differs]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ButtonTexts(page), t => t is "New assessment" or "Override stage" or "Confirm regression" or "Dismiss" or "Void");
        Assert.Equal(2, page.FindAll("[data-testid=assessment-row]").Count);
    }

    [Theory]
    [InlineData(TestData.ManagerId, true)]
    [InlineData(TestData.AdministratorId, true)]
    [InlineData(TestData.OtherManagerId, false)]
    [InlineData(TestData.ExecutiveId, false)]
    public async Task Only_the_owner_or_an_administrator_is_offered_the_details_and_contact_buttons(string userId, bool offered)
    {
        var id = await CreatePartnerAsync();
        SignInAs(TestData.CastMember(userId));

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("Not assessed yet", page.Markup, StringComparison.Ordinal), Patience);
        string[] changes = ["Edit", "Archive", "Add vendor contact", "Add sponsor", "Record the first assessment"];
        var buttons = ButtonTexts(page);
        Assert.All(changes, change => Assert.Equal(offered, buttons.Contains(change)));
    }

    [Fact]
    public async Task The_owner_confirms_a_pending_regression_after_being_asked()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(), daysAgo: 20);
        await RecordAsync(id, TestData.Inputs(fluency: 1), daysAgo: 10);
        var page = RenderPage(id);
        page.WaitForElement("[data-testid=pending-regression]", Patience);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm regression").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("to Denial?", _dialogs.Markup, StringComparison.Ordinal), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=pending-regression]")), Patience);
        var partner = await PartnerService.GetAsync(id);
        Assert.Equal(Stage.Denial, partner!.CurrentStage);
        Assert.Null(partner.PendingRegression);
        Assert.Contains("Regression confirmed", page.FindAll("[data-testid=stage-change]")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_question_leaves_the_regression_pending()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(), daysAgo: 20);
        await RecordAsync(id, TestData.Inputs(fluency: 1), daysAgo: 10);
        var page = RenderPage(id);
        page.WaitForElement("[data-testid=pending-regression]", Patience);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm regression").Click();
        _dialogs.WaitForAssertion(() => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click(), Patience);

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("button")), Patience);
        Assert.Equal(Stage.Denial, (await PartnerService.GetAsync(id))!.PendingRegression);
    }

    [Fact]
    public async Task An_override_needs_a_reason_and_is_then_shown_with_it()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(), daysAgo: 10);
        var page = RenderPage(id);

        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Override stage").Click(), Patience);
        _dialogs.WaitForAssertion(() => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Override").Click(), Patience);
        _dialogs.WaitForAssertion(() => Assert.Contains("Write why you are overriding", _dialogs.Markup, StringComparison.Ordinal), Patience);

        _dialogs.Find("textarea").Input("Signed a three-year deal the portal does not show yet.");
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Override").Click();

        page.WaitForAssertion(() => Assert.Contains("Signed a three-year deal", page.Find("[data-testid=override]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Signed a three-year deal the portal does not show yet.", (await PartnerService.GetAsync(id))!.OverrideReason);
    }

    [Fact]
    public async Task Voiding_the_latest_assessment_strikes_it_through_and_works_the_stage_out_again()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(fluency: 1), daysAgo: 20);
        await RecordAsync(id, TestData.Inputs(), daysAgo: 10);
        var page = RenderPage(id);
        page.WaitForElement("[data-testid=assessment-row]", Patience);
        Assert.Equal(Stage.Hopeful, (await PartnerService.GetAsync(id))!.CurrentStage);

        page.FindAll("[data-testid=assessment-row] button")[0].Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("textarea").Input("Recorded for the wrong partner."), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Void assessment").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.FindAll("[data-testid=assessment-row]")[0].GetAttribute("data-voided")), Patience);
        Assert.Contains("Voided: Recorded for the wrong partner.", page.Markup, StringComparison.Ordinal);
        Assert.Equal(Stage.Denial, (await PartnerService.GetAsync(id))!.CurrentStage);
        Assert.Contains("Why Denial", page.Markup, StringComparison.Ordinal);
    }
}
