using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;

namespace PartnerStages.Web.Tests.Dashboard;

public sealed class DashboardCsvEndpointTests : IAsyncLifetime
{
    // Sessions re-checked hourly, as in production, rather than on every request: a re-issued sign-in
    // cookie brings its own Cache-Control: no-store, which would hide whether the export sends one.
    private readonly PartnerStagesFactory _factory = new(services =>
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromHours(1)));

    // An administrator first: until one exists, every page is the first-run setup.
    public async Task InitializeAsync()
    {
        await _factory.CreateUserAsync(TestData.Administrator);
        await _factory.CreateUserAsync(TestData.Executive);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Anonymous_downloads_are_sent_to_sign_in()
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri("/dashboard/export/distribution.csv?months=12", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", FormPost.RedirectPath(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("distribution", "Stage,Partners now,Share now (%),")]
    [InlineData("mix", "Month end,Denial,Despair,Devolution / Plateau,Hopeful Performance,Soaring Execution,Total")]
    [InlineData("transitions", "From,To,Partners,Direction")]
    [InlineData("at-risk", "Partner,Stage,Pending regression to,")]
    [InlineData("owners", "Owner,Partners,Denial,")]
    public async Task A_signed_in_user_downloads_a_table_as_utf8_csv_with_a_header_row(string table, string header)
    {
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        var response = await client.GetAsync(new Uri($"/dashboard/export/{table}.csv?owner=all&months=6", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith($"partnerstages-{table}-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        // Partner figures stay out of browser and proxy caches.
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith(header, System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_table_is_not_found()
    {
        using var client = _factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(client, TestData.Email(TestData.Executive), PartnerStagesFactory.Password);

        var response = await client.GetAsync(new Uri("/dashboard/export/salaries.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
