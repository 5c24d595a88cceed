using Bunit;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Components.Pages.Dashboard;
using PartnerStages.Web.Components.Pages.Partners;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Tests.Components.Shared;

// The owner filters of the partner list and the dashboard: owners load a page at a time as the list
// opens or the user types, so a circuit holds no list of every owner (issue 14: 4.1 MB a partner-list
// tab at 250 owners, most of it one select item per owner).
public sealed class OwnerPickerTests : ComponentTestBase
{
    private const int ExtraOwners = 45;

    protected override bool RendersItsOwnProviders => true;

    protected override async Task ArrangeAsync()
    {
        await using var db = Database.CreateContext();
        for (var i = 1; i <= ExtraOwners; i++)
        {
            var owner = TestData.Actor($"Owner {i:00}", Roles.ChannelManager);
            db.Users.Add(TestData.User(owner));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = owner.UserId, RoleId = Roles.ChannelManager.ToLowerInvariant() });
        }

        await db.SaveChangesAsync();
    }

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    // The lists open in the popover provider, rendered here so that the test can read them.
    private IRenderedComponent<TComponent> RenderWithPopovers<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        _popovers = Render<MudPopoverProvider>();
        return Render(parameters);
    }

    private List<string> Options() =>
        _popovers.FindAll(".mud-popover-open .mud-list-item").Select(item => item.TextContent.Trim()).ToList();

    [Fact]
    public void The_partner_list_filters_hold_no_owner_until_the_box_opens_and_then_one_page()
    {
        PartnerQuery? changed = null;
        var filters = RenderWithPopovers<PartnerFilters>(p => p
            .Add(x => x.Query, new PartnerQuery())
            .Add(x => x.OnQueryChanged, q => changed = q));

        Assert.Empty(filters.FindComponents<MudListItem<OwnerOption>>());
        Assert.DoesNotContain("Owner 01", filters.Markup + _popovers.Markup, StringComparison.Ordinal);

        filters.Find(".mud-autocomplete input").Input("Owner");
        filters.WaitForAssertion(() => Assert.Equal(OwnerPicker.PageSize, Options().Count), Patience);
        Assert.Equal(Enumerable.Range(1, OwnerPicker.PageSize).Select(i => $"Owner {i:00}"), Options());

        filters.Find(".mud-autocomplete input").Input("Owner 4");
        filters.WaitForAssertion(() => Assert.Equal(["Owner 40", "Owner 41", "Owner 42", "Owner 43", "Owner 44", "Owner 45"], Options()), Patience);

        _popovers.FindAll(".mud-popover-open .mud-list-item").Single(item => item.TextContent.Trim() == "Owner 42").Click();
        filters.WaitForAssertion(() => Assert.Equal("Owner 42", changed?.OwnerId), Patience);
        Assert.Equal(0, changed!.Page);
    }

    [Fact]
    public void An_owner_from_the_url_shows_by_name()
    {
        var filters = RenderWithPopovers<PartnerFilters>(p => p.Add(x => x.Query, new PartnerQuery { OwnerId = TestData.ManagerId }));

        filters.WaitForAssertion(() => Assert.Equal("Casey Manager", filters.Find(".mud-autocomplete input").GetAttribute("value")), Patience);
    }

    [Fact]
    public void The_dashboard_offers_all_owners_first_and_marks_the_signed_in_user()
    {
        var filters = RenderWithPopovers<DashboardFilters>(p => p
            .Add(x => x.View, new Web.Dashboard.DashboardView())
            .Add(x => x.Owner, DashboardFilters.AllOwnersOption)
            .Add(x => x.MyUserId, TestData.ManagerId)
            .Add(x => x.Today, TestData.Today));

        filters.Find(".mud-autocomplete input").Input("");
        filters.WaitForAssertion(() => Assert.Equal(OwnerPicker.PageSize + 1, Options().Count), Patience);
        Assert.Equal("All owners", Options()[0]);
        Assert.Contains("Casey Manager (me)", Options());
    }
}
