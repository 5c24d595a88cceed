using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;

namespace PartnerStages.Web.Tests.Import;

public sealed class CsvEndpointTests : IAsyncLifetime
{
    // Sessions re-checked hourly, as in production, rather than on every request: a re-issued sign-in
    // cookie brings its own Cache-Control: no-store, which would hide whether the export sends one.
    private readonly PartnerStagesFactory _factory = new(services =>
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromHours(1)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/export/partners.csv")]
    [InlineData("/export/assessments.csv")]
    [InlineData("/export/templates/partners.csv")]
    public async Task Anonymous_requests_are_refused(string path)
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/export/partners.csv?stage=Hopeful&archived=true", "Name,Region,SolutionArea")]
    [InlineData("/export/assessments.csv", "PartnerName,AssessedOn")]
    public async Task A_signed_in_executive_gets_text_csv(string path, string header)
    {
        // The first-run page stands in front of sign-in until an administrator exists.
        await _factory.CreateUserAsync(TestData.Administrator);
        await _factory.CreateUserAsync(TestData.Executive);
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("\uFEFF" + header, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_are_for_administrators()
    {
        await _factory.CreateUserAsync(TestData.Executive);
        await _factory.CreateUserAsync(TestData.Administrator);
        using var executive = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(executive, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);
        using var admin = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(admin, TestData.Email(TestData.Administrator), PartnerStagesFactory.Password);

        var refused = await executive.GetAsync(new Uri("/export/templates/partners.csv", UriKind.Relative));
        var template = await admin.GetAsync(new Uri("/export/templates/assessments.csv", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Contains("Contoso Consulting,2026-03-31", await template.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
