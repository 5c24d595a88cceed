using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;
using PartnerStages.Core.Rules;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Tests.Components;

// bUnit with MudBlazor over the real services and a real, migrated SQLite file: loose JS interop,
// an interactive renderer, the clock fixed at TestData.Today, the cast of users seeded, signed in as
// TestData.Manager unless a test says otherwise, and async disposal (MudBlazor registers services
// that are only IAsyncDisposable).
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    // The first query on a cold SQLite file can take a while on a busy machine.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private BunitAuthorizationContext _auth = default!;

    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The check-in form keeps its draft in the tab (ProtectedSessionStorage), as the app registers it.
        Services.AddDataProtection();
        Services.AddScoped<ProtectedSessionStorage>();
    }

    protected TestDatabase Database { get; } = new();

    // Services are registered here; the renderer is touched only after that.
    public async Task InitializeAsync()
    {
        await Database.RegisterAsync(Services);
        Services.AddSingleton<TimeProvider>(new FixedClock(TestData.Today));
        Services.AddScoped<CurrentActor>();
        await Database.AddCastAsync();
        _auth = AddAuthorization();
        SignInAs(TestData.Manager);
        await ArrangeAsync();

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // Selects and menus render into it (STACK.md: without it they silently never open).
        if (!RendersItsOwnProviders)
        {
            Render<MudPopoverProvider>();
        }
    }

    // A layout that holds the Mud providers itself (MudBlazor refuses a second popover provider).
    protected virtual bool RendersItsOwnProviders => false;

    // Data or a different user a test class needs before anything renders.
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    // bUnit wants this order: authorised, then roles, then claims.
    protected void SignInAs(Actor member)
    {
        _auth.SetAuthorized(member.Name);
        _auth.SetRoles([.. member.Roles]);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, member.UserId));
    }

    protected async Task<int> AddPartnerAsync(Partner partner)
    {
        await using var db = Database.CreateContext();
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner.Id;
    }

    // A check-in recorded through the real service by the administrator, daysAgo before Today.
    protected async Task<RecordedAssessment> RecordAsync(int partnerId, AssessmentInputs inputs, int daysAgo, string? evidence = null)
    {
        var partner = await Services.GetRequiredService<PartnerService>().GetAsync(partnerId)
            ?? throw new InvalidOperationException("No such partner.");
        return await Services.GetRequiredService<AssessmentService>()
            .RecordAsync(TestData.Administrator, partnerId, inputs, TestData.Today.AddDays(-daysAgo), evidence, partner.RowVersion);
    }

    // The administrator drafts the next version from the active one, edits it and publishes it.
    protected async Task<PublishResult> PublishNextVersionAsync(Func<RuleSet, RuleSet>? edit = null, bool reevaluate = false)
    {
        var rules = Services.GetRequiredService<RuleSetService>();
        var active = await Services.GetRequiredService<RuleSetStore>().GetActiveAsync();
        var number = await rules.StartDraftAsync(TestData.Administrator, active.Version);
        var draft = await rules.GetAsync(TestData.Administrator, number);
        var rowVersion = await rules.SaveDraftAsync(TestData.Administrator, number, (edit ?? (r => r))(draft.Rules), draft.RowVersion);
        return await Services.GetRequiredService<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, rowVersion, reevaluate);
    }

    // Dialogs and snackbars render into these providers, so a test finds them in what it rendered.
    protected IRenderedComponent<ContainerFragment> RenderWithProviders(RenderFragment content) => Render(b =>
    {
        b.OpenComponent<MudDialogProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudSnackbarProvider>(1);
        b.CloseComponent();
        b.AddContent(2, content);
    });
}
