using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;
using PartnerStages.Web.Components.Pages.Admin.Rules;

namespace PartnerStages.Web.Tests.Components.Admin;

// The rules lab's draft editor over the real rule set service and database.
public sealed class RuleDraftEditorTests : ComponentTestBase
{
    private int _draft;

    private RuleSetService Service => Services.GetRequiredService<RuleSetService>();

    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        _draft = await Services.GetRequiredService<RuleSetService>().StartDraftAsync(TestData.Administrator, 1);
    }

    private IRenderedComponent<ContainerFragment> RenderEditor()
    {
        var page = RenderWithProviders(b =>
        {
            b.OpenComponent<RuleSetPage>(0);
            b.AddAttribute(1, nameof(RuleSetPage.Number), _draft);
            b.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Contains("Save draft", StringComparison.Ordinal)), Patience);
        return page;
    }

    private static IElement InputLabelled(IRenderedComponent<ContainerFragment> page, string label)
    {
        var id = page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return page.Find($"#{id}");
    }

    // The field's own box: its input, label and the message under it.
    private static string FieldText(IRenderedComponent<ContainerFragment> page, string label) =>
        InputLabelled(page, label).Closest(".mud-input-control")!.TextContent;

    private static void Click(IRenderedComponent<ContainerFragment> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Each_problem_is_shown_beside_its_own_field_naming_the_field_and_the_allowed_range()
    {
        var page = RenderEditor();

        InputLabelled(page, "Maturity index at least").Input("120");
        InputLabelled(page, "Agility at most").Input("5");
        InputLabelled(page, "Denial playbook (one action a line)").Change("  ");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Soaring.MaturityIndexAtLeast is 120; it must be between 0 and 100.", FieldText(page, "Maturity index at least"), StringComparison.Ordinal);
            Assert.Contains("Plateau.AgilityAtMost is 5; it must be between 0 and 4.", FieldText(page, "Agility at most"), StringComparison.Ordinal);
            Assert.Contains("Playbook.Denial has no actions; give each stage at least one.", FieldText(page, "Denial playbook (one action a line)"), StringComparison.Ordinal);
        }, Patience);
        // Each message is beside its own field only.
        Assert.DoesNotContain("must be between", FieldText(page, "Delivery confidence at least"), StringComparison.Ordinal);
        Assert.Contains("3 problem(s) to fix", page.Find("[aria-label='Validation summary']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_named_with_their_sum_above_the_weights()
    {
        var page = RenderEditor();

        InputLabelled(page, "Weight: agility").Input("0.2");

        page.WaitForAssertion(() => Assert.Equal("Weights sum to 1.1; they must sum to 1 (within 0.001).",
            page.Find("[data-field=Weights]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task A_save_is_refused_when_someone_saved_the_draft_meanwhile_and_the_typed_values_stay()
    {
        var page = RenderEditor();
        var theirs = await Service.GetAsync(TestData.Administrator, _draft);
        await Service.SaveDraftAsync(TestData.Administrator, _draft,
            theirs.Rules with { Soaring = theirs.Rules.Soaring with { MaturityIndexAtLeast = 80 } }, theirs.RowVersion);

        InputLabelled(page, "Maturity index at least").Input("70");
        Click(page, "Save draft");

        page.WaitForAssertion(() => Assert.Contains("Someone else saved draft rule set v2", page.Find("[aria-label='Save failed']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("70", InputLabelled(page, "Maturity index at least").GetAttribute("value"));
        Assert.Equal(80, (await Service.GetAsync(TestData.Administrator, _draft)).Rules.Soaring.MaturityIndexAtLeast);
    }

    [Fact]
    public async Task A_saved_value_is_stored_and_listed_in_the_diff_against_the_active_version()
    {
        var page = RenderEditor();

        InputLabelled(page, "Maturity index at least").Input("70");
        Click(page, "Save draft");

        page.WaitForAssertion(() => Assert.Equal(70, Service.GetAsync(TestData.Administrator, _draft).GetAwaiter().GetResult().Rules.Soaring.MaturityIndexAtLeast), Patience);
        var row = page.Find("[data-path='Soaring.MaturityIndexAtLeast']");
        Assert.Equal(["Maturity index at least", "75", "70"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }
}
