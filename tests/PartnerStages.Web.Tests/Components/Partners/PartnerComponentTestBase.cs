using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Tests.Components.Partners;

// Real services over a real SQLite file, a channel manager (cm1), a second one (cm2), an
// executive (ex1) and an administrator (ad1); signed in as cm1 unless a test says otherwise.
public abstract class PartnerComponentTestBase : ComponentTestBase
{
    // The first query on a cold SQLite file can take a while on a busy machine.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TestDatabase _database = new();
    private BunitAuthorizationContext _auth = default!;

    protected TestDatabase Database => _database;

    protected override async Task ArrangeAsync()
    {
        await _database.RegisterAsync(Services);
        Services.AddScoped<CurrentActor>();
        await using (var db = _database.CreateContext())
        {
            PartnerTestData.AddUser(db, "cm1", "Casey Manager", Roles.ChannelManager);
            PartnerTestData.AddUser(db, "cm2", "Robin Other", Roles.ChannelManager);
            PartnerTestData.AddUser(db, "ex1", "Evelyn Exec", Roles.Executive);
            PartnerTestData.AddUser(db, "ad1", "Avery Admin", Roles.Administrator);
            await db.SaveChangesAsync();
        }

        _auth = AddAuthorization();
        SignInAs("cm1", Roles.ChannelManager);
    }

    protected override async Task DisposeResourcesAsync() => await _database.DisposeAsync();

    protected void SignInAs(string userId, string role)
    {
        _auth.SetAuthorized($"{userId}@example.com");
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected async Task<int> AddPartnerAsync(Partner partner)
    {
        await using var db = _database.CreateContext();
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner.Id;
    }

    // Selects, menus and dialogs render into these providers (STACK.md: without the popover
    // provider they silently never open).
    protected IRenderedComponent<ContainerFragment> RenderWithProviders(RenderFragment content) => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<MudSnackbarProvider>(2);
        b.CloseComponent();
        b.AddContent(3, content);
    });
}
