using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests.Hosting;

public sealed class LocalizationTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void The_cultures_offered_to_browsers_come_from_appsettings()
    {
        var options = PartnerStagesHostingExtensions.RequestLocalization(_factory.Services.GetRequiredService<IConfiguration>());

        Assert.Equal("en-US", options.DefaultRequestCulture.Culture.Name);
        Assert.Equal(11, options.SupportedCultures!.Count);
        Assert.Contains(options.SupportedCultures, c => c.Name == "de-DE");
        Assert.Equal("en-US", Assert.Single(options.SupportedUICultures!).Name);
    }
}
