using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Hosting;

public sealed class HealthTests : IAsyncLifetime
{
    private readonly PartnerStagesFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Health_answers_200_with_the_database_reachable()
    {
        using var client = _factory.CreateBrowserlessClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_is_gone()
    {
        using var client = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        // Pooled connections would keep the deleted file alive: close them first.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_factory.DatabasePath)!, "partnerstages.db*"))
        {
            File.Delete(file);
        }

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_database_file_gone_a_change_is_refused_and_no_empty_database_appears()
    {
        using var client = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_factory.DatabasePath)!, "partnerstages.db*"))
        {
            File.Delete(file);
        }

        await using var scope = _factory.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<PartnerService>().CreateAsync(TestData.Administrator, TestData.Partner()));

        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_factory.DatabasePath));
    }
}
