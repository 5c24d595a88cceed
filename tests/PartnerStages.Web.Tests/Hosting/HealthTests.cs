using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using PartnerStages.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data;
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
    public async Task Live_and_ready_answer_200_on_a_migrated_database()
    {
        using var client = _factory.CreateBrowserlessClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    // What an instance of a newer version sees before its migrations ran (or after one failed).
    [Fact]
    public async Task Ready_answers_503_while_a_migration_is_not_applied_and_live_still_200()
    {
        using var client = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
            var latest = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}");
        }

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [PostgreSqlFact("Takes the PostgreSQL database away under the running app")]
    public async Task Health_and_ready_answer_503_when_the_database_server_has_no_database_and_live_still_200()
    {
        using var client = _factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        PostgresTestServer.DropDatabase(_factory.PostgresConnectionString!);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [SqliteOnly("Deletes the SQLite file")]
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
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [SqliteOnly("Deletes the SQLite file")]
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

    [SqliteOnly("Checks the disk under the SQLite file; a database server watches its own")]
    [Fact]
    public async Task Health_answers_503_when_the_disk_has_too_little_room_for_writes()
    {
        await using var cramped = _factory.WithWebHostBuilder(b => b.UseSetting(DatabaseHealthCheck.MinimumFreeMegabytesKey, long.MaxValue.ToString(CultureInfo.InvariantCulture)));
        using var client = cramped.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [SqliteOnly("Guards the SQLite file in the data folder")]
    [Fact]
    public async Task The_app_will_not_start_afresh_over_a_data_folder_whose_database_is_gone()
    {
        Directory.CreateDirectory(Path.Combine(_factory.DataFolder, "keys"));
        await File.WriteAllTextAsync(Path.Combine(_factory.DataFolder, "keys", "key-earlier.xml"), "<key />");

        var error = Assert.ThrowsAny<Exception>(() => _factory.CreateClient());

        Assert.Contains("holds the sign-in keys of an earlier installation but no database", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_factory.DataFolder, "partnerstages.db")));
    }
}
