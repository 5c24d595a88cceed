using Microsoft.Extensions.Configuration;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests.Hosting;

public sealed class LocalizationTests
{
    [Fact]
    public void The_cultures_offered_to_browsers_come_from_appsettings()
    {
        // The app's own appsettings.json, which the build copies beside the tests.
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();

        var options = PartnerStagesHostingExtensions.RequestLocalization(configuration);

        Assert.Equal("en-US", options.DefaultRequestCulture.Culture.Name);
        Assert.Equal(11, options.SupportedCultures!.Count);
        Assert.Contains(options.SupportedCultures, c => c.Name == "de-DE");
        Assert.Equal("en-US", Assert.Single(options.SupportedUICultures!).Name);
    }
}
