using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests.Accounts;

// The sign-in keys live in the database: the upgrade from the key folder signs nobody out, and an
// instance on the same database accepts another's cookie (with SQLite the two share the data folder,
// as they share the file; with PostgreSQL each has a folder of its own).
public sealed class SigningKeyTests : IAsyncLifetime
{
    private readonly Stack<PartnerStagesFactory> _factories = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The instance that owns the database goes last.
        while (_factories.TryPop(out var factory))
        {
            await factory.DisposeAsync();
        }
    }

    private PartnerStagesFactory Start(PartnerStagesFactory factory)
    {
        _factories.Push(factory);
        return factory;
    }

    [Fact]
    public async Task A_cookie_signed_with_a_key_from_the_key_folder_is_accepted_after_the_upgrade()
    {
        // The release before kept its keys in <data>/keys, as this instance does; the upgraded one starts
        // on the same data folder and database.
        var keys = "";
        var before = Start(new PartnerStagesFactory(services => services.Configure<KeyManagementOptions>(options =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), NullLoggerFactory.Instance))));
        keys = Path.Combine(before.DataFolder, "keys");
        var cookie = await SignInAsync(before);
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        Assert.Equal(0, await CountKeysAsync(before));

        var after = Start(new PartnerStagesFactory(sameDatabaseAs: before, sameDataFolder: true));
        using var client = after.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        Assert.Equal(HttpStatusCode.OK, (await GetHomeAsync(client, cookie)).StatusCode);
        Assert.Equal(Directory.GetFiles(keys, "key-*.xml").Length, await CountKeysAsync(after));
    }

    [Fact]
    public async Task The_key_folder_is_imported_once()
    {
        var keys = "";
        var before = Start(new PartnerStagesFactory(services => services.Configure<KeyManagementOptions>(options =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), NullLoggerFactory.Instance))));
        keys = Path.Combine(before.DataFolder, "keys");
        await SignInAsync(before);
        var first = Start(new PartnerStagesFactory(sameDatabaseAs: before, sameDataFolder: true));
        using (first.CreateClient())
        {
        }

        var second = Start(new PartnerStagesFactory(sameDatabaseAs: before, sameDataFolder: true));
        using (second.CreateClient())
        {
        }

        Assert.Equal(Directory.GetFiles(keys, "key-*.xml").Length, await CountKeysAsync(second));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_accepts_the_first_ones_cookie()
    {
        var first = Start(new PartnerStagesFactory());
        var cookie = await SignInAsync(first);
        var second = Start(new PartnerStagesFactory(sameDatabaseAs: first));
        var stranger = Start(new PartnerStagesFactory());
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var secondClient = second.CreateClient(options);
        using var strangerClient = stranger.CreateClient(options);

        var accepted = await GetHomeAsync(secondClient, cookie);
        var refused = await GetHomeAsync(strangerClient, cookie);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // An instance on another database has other keys: the same cookie means nothing there.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.NotEqual(second.DataFolder == first.DataFolder, TestProvider.IsPostgreSql);
        Assert.True(await CountKeysAsync(first) > 0);
    }

    // Signs the manager in on the instance; returns the cookies a browser would send next.
    private static async Task<string> SignInAsync(PartnerStagesFactory factory)
    {
        // Until an administrator exists every page leads to the first-run setup.
        await factory.CreateUserAsync(TestData.Administrator);
        await factory.CreateUserAsync(TestData.Manager);
        using var client = factory.CreateBrowserlessClient();
        var response = await FormPost.SignInAsync(client, TestData.Email(TestData.Manager), PartnerStagesFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        Assert.Contains(cookies, c => c.StartsWith("PartnerStages.Auth=", StringComparison.Ordinal));
        return string.Join("; ", cookies);
    }

    private static async Task<HttpResponseMessage> GetHomeAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/partners", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<int> CountKeysAsync(PartnerStagesFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.CountAsync();
    }
}
