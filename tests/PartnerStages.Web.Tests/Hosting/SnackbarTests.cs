using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace PartnerStages.Web.Tests.Hosting;

public sealed class SnackbarTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Confirmations_across_pages_never_stack_more_than_two_deep_nor_repeat()
    {
        // The app's configuration, in a service outside a circuit (the app's own one needs a page's navigation).
        using var snackbar = new SnackbarService(new Page(), TimeProvider.System, _factory.Services.GetRequiredService<IOptions<SnackbarConfiguration>>());

        foreach (var message in new[] { "Saved Alder.", "Saved Birch.", "Saved Birch.", "Saved Cedar.", "Saved Fir." })
        {
            snackbar.Add(message, Severity.Success);
        }

        Assert.Equal(["Saved Alder.", "Saved Birch."], snackbar.ShownSnackbars.Select(s => s.Message));
    }

    private sealed class Page : NavigationManager
    {
        public Page() => Initialize("http://localhost/", "http://localhost/partners");
    }
}
