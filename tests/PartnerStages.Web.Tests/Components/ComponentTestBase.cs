using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace PartnerStages.Web.Tests.Components;

// bUnit with MudBlazor: loose JS interop, Mud services, an interactive renderer, and async
// disposal (MudBlazor registers services that are only IAsyncDisposable).
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    // Services are registered in ArrangeAsync; the renderer is touched only after that.
    public async Task InitializeAsync()
    {
        await ArrangeAsync();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeResourcesAsync();
    }

    protected virtual Task DisposeResourcesAsync() => Task.CompletedTask;
}
