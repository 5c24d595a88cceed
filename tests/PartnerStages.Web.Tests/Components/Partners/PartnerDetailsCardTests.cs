using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class PartnerDetailsCardTests : ComponentTestBase
{
    private int _changed;

    // The page decides who may change the partner (PartnerPageTests); the card follows CanChange.
    private async Task<IRenderedComponent<ContainerFragment>> RenderCardAsync(int id, bool canChange = true)
    {
        var partner = await Services.GetRequiredService<PartnerService>().GetAsync(id);
        var changed = EventCallback.Factory.Create(this, () => _changed++);
        return RenderWithProviders(b =>
        {
            b.OpenComponent<PartnerDetailsCard>(0);
            b.AddAttribute(1, nameof(PartnerDetailsCard.Partner), partner);
            b.AddAttribute(2, nameof(PartnerDetailsCard.CanChange), canChange);
            b.AddAttribute(3, nameof(PartnerDetailsCard.OnChanged), changed);
            b.CloseComponent();
        });
    }

    private static List<string> Buttons(IRenderedComponent<ContainerFragment> card) =>
        card.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_card_shows_the_partners_details()
    {
        var id = await AddPartnerAsync(TestData.PartnerRow("Contoso", region: "Nordics"));

        var card = await RenderCardAsync(id);

        card.WaitForAssertion(() => Assert.Contains("Edit", Buttons(card)), Patience);
        var text = card.Find("[data-testid=partner-details]").TextContent;
        Assert.Contains("Nordics", text, StringComparison.Ordinal);
        Assert.Contains("Data & AI", text, StringComparison.Ordinal);
        Assert.Contains("Solutions Partner", text, StringComparison.Ordinal);
        Assert.Contains(TestData.DisplayName(TestData.Manager), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_that_may_not_change_the_partner_shows_no_edit_or_archive_buttons()
    {
        var id = await AddPartnerAsync(TestData.PartnerRow("Contoso", ownerId: TestData.ManagerId));

        var card = await RenderCardAsync(id, canChange: false);

        card.WaitForAssertion(() => Assert.Contains(TestData.DisplayName(TestData.Manager), card.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(Buttons(card));
    }

    [Fact]
    public async Task Archive_asks_for_confirmation_first()
    {
        var id = await AddPartnerAsync(TestData.PartnerRow("Contoso"));
        var card = await RenderCardAsync(id);
        card.WaitForAssertion(() => Assert.Contains("Archive", Buttons(card)), Patience);

        card.Find("button[aria-label='Archive Contoso']").Click();

        card.WaitForAssertion(() => Assert.Contains("It leaves the lists and the dashboard; you can restore it.",
            card.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Archive Contoso?", card.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        await using (var db = Database.CreateContext())
        {
            Assert.False(await db.Partners.Where(p => p.Id == id).Select(p => p.IsArchived).SingleAsync());
        }

        card.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Archive").Click();

        card.WaitForAssertion(() => Assert.Equal(1, _changed), Patience);
        await using (var db = Database.CreateContext())
        {
            Assert.True(await db.Partners.Where(p => p.Id == id).Select(p => p.IsArchived).SingleAsync());
        }
    }

    [Fact]
    public async Task Cancelling_the_confirmation_leaves_the_partner_active()
    {
        var id = await AddPartnerAsync(TestData.PartnerRow("Contoso"));
        var card = await RenderCardAsync(id);
        card.WaitForAssertion(() => Assert.Contains("Archive", Buttons(card)), Patience);

        card.Find("button[aria-label='Archive Contoso']").Click();
        card.WaitForElement(".mud-dialog", Patience);
        card.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        card.WaitForAssertion(() => Assert.Empty(card.FindAll(".mud-dialog")), Patience);
        Assert.Equal(0, _changed);
        await using var db = Database.CreateContext();
        Assert.False(await db.Partners.Where(p => p.Id == id).Select(p => p.IsArchived).SingleAsync());
    }
}
