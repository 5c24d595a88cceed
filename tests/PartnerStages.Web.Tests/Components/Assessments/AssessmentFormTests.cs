using Bunit.Rendering;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Data.Assessments;
using PartnerStages.Web.Components.Pages.Assessments;

namespace PartnerStages.Web.Tests.Components.Assessments;

public sealed class AssessmentFormTests : ComponentTestBase
{
    private AssessmentService AssessmentService => Services.GetRequiredService<AssessmentService>();

    // A partner the signed-in manager owns and has not assessed yet.
    private Task<int> CreatePartnerAsync() => AddPartnerAsync(TestData.PartnerRow());

    private IRenderedComponent<AssessmentForm> RenderForm(int partnerId)
    {
        var form = Render<AssessmentForm>(p => p.Add(f => f.Id, partnerId));
        form.WaitForElement("[data-testid=preview]", Patience);
        return form;
    }

    private static void Rate(IRenderedComponent<AssessmentForm> form, string label, int rating) =>
        RatingRadio(form, label, rating).Click();

    // MudRadio names its input through aria-labelledby, as a browser's GetByLabel would find it.
    private static IElement RatingRadio(IRenderedComponent<AssessmentForm> form, string label, int rating)
    {
        var id = form.FindAll("span.mud-sr-only").Single(s => s.TextContent == $"{label}: {rating}").Id;
        return form.Find($"input[aria-labelledby='{id}']");
    }

    private static IElement InputLabelled(IRenderedComponent<AssessmentForm> form, string label)
    {
        var id = form.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return form.Find($"#{id}");
    }

    private static string? PreviewStage(IRenderedComponent<AssessmentForm> form) =>
        form.FindAll("[data-testid=preview] [data-stage]").SingleOrDefault()?.GetAttribute("data-stage");

    private static void RateAll(IRenderedComponent<AssessmentForm> form, int fluency, int delivery, int conviction, int agility = 3, int alignment = 3)
    {
        Rate(form, "Programme fluency", fluency);
        Rate(form, "Delivery confidence", delivery);
        Rate(form, "Investment conviction", conviction);
        Rate(form, "Agility", agility);
        Rate(form, "Goal alignment", alignment);
    }

    [Fact]
    public async Task The_preview_follows_the_ratings_from_Denial_to_Hopeful_before_saving()
    {
        var id = await CreatePartnerAsync();
        var form = RenderForm(id);
        Assert.Contains("Rate the 5 remaining judgements", form.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);

        RateAll(form, fluency: 1, delivery: 3, conviction: 3);
        form.WaitForAssertion(() => Assert.Equal("Denial", PreviewStage(form)), Patience);

        Rate(form, "Programme fluency", 4);
        Rate(form, "Investment conviction", 4);
        form.WaitForAssertion(() => Assert.Equal("Hopeful", PreviewStage(form)), Patience);

        Rate(form, "Delivery confidence", 2);
        form.WaitForAssertion(() => Assert.Equal("Despair", PreviewStage(form)), Patience);
        Assert.Empty((await AssessmentService.GetTimelineAsync(id)).Assessments);
    }

    [Fact]
    public async Task Facts_out_of_range_get_a_message_next_to_the_field_and_hold_the_preview()
    {
        var id = await CreatePartnerAsync();
        var form = RenderForm(id);
        RateAll(form, fluency: 4, delivery: 4, conviction: 4);
        form.WaitForAssertion(() => Assert.Equal("Hopeful", PreviewStage(form)), Patience);

        InputLabelled(form, "Capability score").Input("150");
        InputLabelled(form, "Co-sell wins").Input("-2");

        form.WaitForAssertion(() =>
        {
            Assert.Contains("Capability score must be between 0 and 100.", form.Markup, StringComparison.Ordinal);
            Assert.Contains("Co-sell wins must be 0 or more.", form.Markup, StringComparison.Ordinal);
            Assert.Null(PreviewStage(form));
        }, Patience);
        Assert.Contains("Correct the marked fields", form.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);

        InputLabelled(form, "Capability score").Input("90");
        InputLabelled(form, "Co-sell wins").Input("");
        form.WaitForAssertion(() => Assert.Equal("Hopeful", PreviewStage(form)), Patience);
        Assert.DoesNotContain("must be between 0 and 100", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_with_a_rating_missing_names_the_rating_and_saves_nothing()
    {
        var id = await CreatePartnerAsync();
        var form = RenderForm(id);
        Rate(form, "Programme fluency", 4);
        Assert.DoesNotContain("must be between 1 and 5", form.Markup, StringComparison.Ordinal);

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Delivery confidence must be between 1 and 5.", form.Markup, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("Programme fluency must be", form.Markup, StringComparison.Ordinal);
        Assert.Empty((await AssessmentService.GetTimelineAsync(id)).Assessments);
    }

    [Fact]
    public async Task Saving_records_the_assessment_says_what_happened_and_returns_to_the_partner()
    {
        var id = await CreatePartnerAsync();
        var form = RenderForm(id);
        RateAll(form, fluency: 4, delivery: 4, conviction: 4);
        form.Find("textarea").Change("Met the CTO; two certifications booked.");

        form.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.EndsWith($"/partners/{id}", navigation.Uri, StringComparison.Ordinal), Patience);
        var saved = Assert.Single((await AssessmentService.GetTimelineAsync(id)).Assessments);
        Assert.Equal("Met the CTO; two certifications booked.", saved.Evidence);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "Assessment saved. The first stage is Hopeful Performance.");
    }

    [Fact]
    public async Task The_form_starts_from_the_last_check_in_and_warns_of_a_pending_regression()
    {
        var id = await CreatePartnerAsync();
        await RecordAsync(id, TestData.Inputs(fluency: 4, conviction: 4, delivery: 4), daysAgo: 30);
        var form = RenderForm(id);

        Assert.Equal("Hopeful", PreviewStage(form));
        Assert.True(RatingRadio(form, "Programme fluency", 4).HasAttribute("checked"));
        Assert.Equal("60", InputLabelled(form, "Capability score").GetAttribute("value"));

        Rate(form, "Delivery confidence", 1);
        form.WaitForAssertion(() => Assert.Equal("Despair", PreviewStage(form)), Patience);
        Assert.Contains("wait for confirmation", form.Find("[data-testid=preview-outcome]").TextContent, StringComparison.Ordinal);

        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "Assessment saved. Regression to Despair is pending confirmation."), Patience);
    }

    [Fact]
    public async Task A_conflicting_save_is_refused_and_keeps_everything_typed()
    {
        var id = await CreatePartnerAsync();
        var form = RenderForm(id);
        RateAll(form, fluency: 2, delivery: 3, conviction: 3);
        InputLabelled(form, "Awards").Input("1");
        // Someone else records a check-in for the same partner after the form was opened.
        await RecordAsync(id, TestData.Inputs(), daysAgo: 0);

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Everything you typed is still here", form.Find("[data-testid=save-failure]").TextContent, StringComparison.Ordinal), Patience);
        // Said once, and no "apply yours again": the reload keeps the input.
        var message = form.Find("[data-testid=save-failure]").TextContent;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "still here"));
        Assert.DoesNotContain("again.", message.Replace("then save again.", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(RatingRadio(form, "Programme fluency", 2).HasAttribute("checked"));
        Assert.Equal("1", InputLabelled(form, "Awards").GetAttribute("value"));
        Assert.Single((await AssessmentService.GetTimelineAsync(id)).Assessments);

        form.FindAll("button").Single(b => b.TextContent.Contains("Reload partner, keep my input", StringComparison.Ordinal)).Click();
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=save-failure]")), Patience);
        form.Find("form").Submit();
        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.EndsWith($"/partners/{id}", navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.Equal(2, (await AssessmentService.GetTimelineAsync(id)).Assessments.Count);
    }

    [Theory]
    [InlineData(TestData.OtherManagerId)]
    [InlineData(TestData.ExecutiveId)]
    public async Task Someone_who_may_not_assess_the_partner_is_told_so_instead_of_getting_the_form(string userId)
    {
        var id = await CreatePartnerAsync();
        SignInAs(TestData.CastMember(userId));

        var form = Render<AssessmentForm>(p => p.Add(f => f.Id, id));

        form.WaitForAssertion(() => Assert.Contains("You cannot assess this partner", form.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(form.FindAll("form"));
    }
    private IRenderedComponent<ContainerFragment> RenderFormWithProviders(int partnerId)
    {
        var host = RenderWithProviders(b =>
        {
            b.OpenComponent<AssessmentForm>(0);
            b.AddAttribute(1, nameof(AssessmentForm.Id), partnerId);
            b.CloseComponent();
        });
        host.WaitForElement("[data-testid=preview]", Patience);
        return host;
    }

    [Fact]
    public async Task Leaving_an_untouched_form_does_not_ask()
    {
        var id = await CreatePartnerAsync();
        var host = RenderFormWithProviders(id);
        var navigation = Services.GetRequiredService<NavigationManager>();

        await host.InvokeAsync(() => navigation.NavigateTo("/partners"));

        host.WaitForAssertion(() => Assert.EndsWith("/partners", navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("Leave without saving?", host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_a_half_filled_form_asks_and_Stay_keeps_the_form_and_its_input()
    {
        var id = await CreatePartnerAsync();
        var host = RenderFormWithProviders(id);
        var form = host.FindComponent<AssessmentForm>();
        Rate(form, "Programme fluency", 4);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;

        await host.InvokeAsync(() => navigation.NavigateTo("/partners"));

        host.WaitForAssertion(() => Assert.Contains("Leave without saving?", host.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(before, navigation.Uri);
        host.FindAll("button").Single(b => b.TextContent.Trim() == "Stay").Click();
        host.WaitForAssertion(() => Assert.DoesNotContain("Leave without saving?", host.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(before, navigation.Uri);
        Assert.True(RatingRadio(form, "Programme fluency", 4).HasAttribute("checked"));
    }

    [Fact]
    public async Task Leaving_a_half_filled_form_asks_and_Leave_goes_on()
    {
        var id = await CreatePartnerAsync();
        var host = RenderFormWithProviders(id);
        Rate(host.FindComponent<AssessmentForm>(), "Programme fluency", 4);
        var navigation = Services.GetRequiredService<NavigationManager>();

        await host.InvokeAsync(() => navigation.NavigateTo("/partners"));
        host.WaitForAssertion(() => Assert.Contains("Leave without saving?", host.Markup, StringComparison.Ordinal), Patience);
        host.FindAll("button").Single(b => b.TextContent.Trim() == "Leave").Click();

        host.WaitForAssertion(() => Assert.EndsWith("/partners", navigation.Uri, StringComparison.Ordinal), Patience);
    }
}
