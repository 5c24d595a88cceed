using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;
using PartnerStages.Web.Components.Pages.Admin.Rules;

namespace PartnerStages.Web.Tests.Components.Admin;

// Publishing a draft from its page: the dialog names the version and the partners who would move,
// offers re-evaluation now or with the next check-ins, and the page shows what happened.
//   Ash    index 57.5: Hopeful under v1, Soaring under the draft (bar 55)
//   Beech  DespairInputs: Despair under both
public sealed class PublishDialogTests : ComponentTestBase
{
    private int _draft;
    private int _ash;

    private RuleSetService Service => Services.GetRequiredService<RuleSetService>();

    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        _ash = await AddPartnerAsync(TestData.PartnerRow("Ash"));
        await RecordAsync(_ash, TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80), daysAgo: 5);
        await RecordAsync(await AddPartnerAsync(TestData.PartnerRow("Beech")), TestData.DespairInputs, daysAgo: 5);
        _draft = await Service.StartDraftAsync(TestData.Administrator, 1);
        var draft = await Service.GetAsync(TestData.Administrator, _draft);
        await Service.SaveDraftAsync(TestData.Administrator, _draft,
            draft.Rules with { Soaring = draft.Rules.Soaring with { MaturityIndexAtLeast = 55 } }, draft.RowVersion);
    }

    private IRenderedComponent<ContainerFragment> OpenDialog()
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<RuleSetPage>(0);
            b.AddAttribute(1, nameof(RuleSetPage.Number), _draft);
            b.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.False(PublishButton(page).HasAttribute("disabled")), Patience);
        PublishButton(page).Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='What publishing does']")), Patience);
        return page;
    }

    private static IElement PublishButton(IRenderedComponent<ContainerFragment> page) => page.Find("button[aria-label='Publish v2']");

    private static void Click(IRenderedComponent<ContainerFragment> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    private async Task<(Stage? Stage, List<StageChange> Changes)> AshAsync()
    {
        await using var db = Database.CreateContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == _ash);
        return (partner.CurrentStage, await db.StageChanges.Where(c => c.PartnerId == _ash).OrderBy(c => c.Id).ToListAsync());
    }

    [Fact]
    public void The_dialog_names_the_version_and_how_many_partners_would_move()
    {
        var page = OpenDialog();

        var text = page.Find("[aria-label='What publishing does']").TextContent;
        Assert.Contains("v2 becomes the active rule set", text, StringComparison.Ordinal);
        Assert.Contains("v1 is retired", text, StringComparison.Ordinal);
        Assert.Contains("1 of 2 active partners would get another verdict under v2", text, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Publish v2");
    }

    [Fact]
    public async Task Publishing_with_re_evaluation_moves_the_partner_with_a_cause_of_its_own_and_says_so()
    {
        var page = OpenDialog();

        Click(page, "Publish v2");

        page.WaitForAssertion(() => Assert.Contains("Rule set v2 is active; v1 is retired. 1 partner got another verdict: 1 moved and 0 with a regression pending",
            page.Find("[aria-label='Publish result']").TextContent.Trim(), StringComparison.Ordinal), Patience);
        var (stage, changes) = await AshAsync();
        Assert.Equal(Stage.Soaring, stage);
        Assert.Equal((StageChangeCause.RuleSetPublished, "rule set v2 published"), (changes[^1].Cause, changes[^1].Reason));
        Assert.Equal(RuleSetStatus.Active, (await Service.GetAsync(TestData.Administrator, _draft)).Status);
        Assert.Empty(page.FindAll("button[aria-label='Publish v2']"));
        Assert.Equal("active", page.Find("[aria-label='Status']").TextContent.Trim());
    }

    [Fact]
    public async Task Publishing_without_re_evaluation_leaves_every_stage_for_the_next_check_ins()
    {
        var page = OpenDialog();

        page.FindAll("label").Single(l => l.TextContent.Contains("Let new verdicts arrive with the next check-ins", StringComparison.Ordinal))
            .QuerySelector("input")!.Click();
        Click(page, "Publish v2");

        page.WaitForAssertion(() => Assert.Contains("New verdicts arrive with the next check-ins.",
            page.Find("[aria-label='Publish result']").TextContent, StringComparison.Ordinal), Patience);
        var (stage, changes) = await AshAsync();
        Assert.Equal(Stage.Hopeful, stage);
        Assert.DoesNotContain(changes, c => c.Cause == StageChangeCause.RuleSetPublished);
        Assert.Equal(RuleSetStatus.Active, (await Service.GetAsync(TestData.Administrator, _draft)).Status);
    }

    [Fact]
    public async Task Cancelling_publishes_nothing()
    {
        var page = OpenDialog();

        Click(page, "Cancel");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='What publishing does']")), Patience);
        Assert.Equal(RuleSetStatus.Draft, (await Service.GetAsync(TestData.Administrator, _draft)).Status);
        Assert.Empty(page.FindAll("[aria-label='Publish result']"));
    }

    [Fact]
    public void An_unsaved_change_must_be_saved_before_publishing()
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<RuleSetPage>(0);
            b.AddAttribute(1, nameof(RuleSetPage.Number), _draft);
            b.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.False(PublishButton(page).HasAttribute("disabled")), Patience);
        var id = page.FindAll("label").Single(l => l.TextContent.Trim() == "Maturity index at least").GetAttribute("for");

        page.Find($"#{id}").Input("60");

        page.WaitForAssertion(() => Assert.True(PublishButton(page).HasAttribute("disabled")), Patience);
        Assert.Contains("save the draft to publish it", page.Find("[aria-label='Validation summary']").TextContent, StringComparison.Ordinal);
    }
}
