using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Partners;

namespace PartnerStages.Web.Tests.Components.Partners;

public sealed class PartnerContactsTests : ComponentTestBase
{
    private async Task<IRenderedComponent<ContainerFragment>> RenderContactsAsync(Partner partner, bool canChange = true)
    {
        var id = await AddPartnerAsync(partner);
        var details = await Services.GetRequiredService<PartnerService>().GetAsync(id);
        return RenderWithProviders(b =>
        {
            b.OpenComponent<PartnerContacts>(0);
            b.AddAttribute(1, nameof(PartnerContacts.Partner), details);
            b.AddAttribute(2, nameof(PartnerContacts.CanChange), canChange);
            b.CloseComponent();
        });
    }

    private static Partner WithSponsors(params (string Name, SponsorKind Kind)[] sponsors)
    {
        var partner = TestData.PartnerRow("Contoso");
        foreach (var (name, kind) in sponsors)
        {
            partner.AddSponsor(name, kind, email: null);
        }

        return partner;
    }

    [Fact]
    public async Task One_person_holding_every_sponsor_kind_is_flagged()
    {
        var contacts = await RenderContactsAsync(WithSponsors(
            ("Pat Doe", SponsorKind.Executive), ("Pat Doe", SponsorKind.Sales), ("Pat Doe", SponsorKind.Technical)));

        contacts.WaitForAssertion(() => Assert.Equal("Single-person dependency: Pat Doe is the executive, sales and technical sponsor.",
            contacts.Find("[data-testid=sponsor-warning]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task A_missing_sponsor_kind_is_flagged()
    {
        var contacts = await RenderContactsAsync(WithSponsors(("Pat Doe", SponsorKind.Executive)));

        contacts.WaitForAssertion(() => Assert.Contains("no sales or technical sponsor recorded",
            contacts.Find("[data-testid=sponsor-warning]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Three_different_sponsors_raise_no_warning()
    {
        var contacts = await RenderContactsAsync(WithSponsors(
            ("Pat Doe", SponsorKind.Executive), ("Sam Roe", SponsorKind.Sales), ("Kim Poe", SponsorKind.Technical)));

        contacts.WaitForAssertion(() => Assert.Contains("Kim Poe", contacts.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(contacts.FindAll("[data-testid=sponsor-warning]"));
    }

    [Fact]
    public async Task Contacts_that_may_not_be_changed_offer_no_add_edit_or_remove_buttons()
    {
        var partner = WithSponsors(("Pat Doe", SponsorKind.Executive));
        partner.AddVendorContact("Jordan Field", VendorContactRole.PartnerDevelopmentManager, mandate: null, lastTouchOn: null);

        var contacts = await RenderContactsAsync(partner, canChange: false);

        contacts.WaitForAssertion(() => Assert.Contains("Jordan Field", contacts.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("Pat Doe", contacts.Markup, StringComparison.Ordinal);
        Assert.Empty(contacts.FindAll("button"));
    }

    [Fact]
    public async Task The_owner_adds_a_vendor_contact_through_the_dialog()
    {
        var changed = 0;
        var id = await AddPartnerAsync(TestData.PartnerRow("Contoso"));
        var details = await Services.GetRequiredService<PartnerService>().GetAsync(id);
        var contacts = RenderWithProviders(b =>
        {
            b.OpenComponent<PartnerContacts>(0);
            b.AddAttribute(1, nameof(PartnerContacts.Partner), details);
            b.AddAttribute(2, nameof(PartnerContacts.CanChange), true);
            b.AddAttribute(3, nameof(PartnerContacts.OnChanged), EventCallback.Factory.Create(this, () => changed++));
            b.CloseComponent();
        });
        contacts.WaitForAssertion(() => contacts.FindAll("button").Single(b => b.TextContent.Trim() == "Add vendor contact").Click(), Patience);
        contacts.WaitForElement(".mud-dialog", Patience);

        contacts.Find(".mud-dialog input").Change("Jordan Field");
        contacts.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Save").Click();

        contacts.WaitForAssertion(() => Assert.Equal(1, changed), Patience);
        var reloaded = await Services.GetRequiredService<PartnerService>().GetAsync(id);
        Assert.Equal("Jordan Field", Assert.Single(reloaded!.VendorContacts).Name);
    }
}
