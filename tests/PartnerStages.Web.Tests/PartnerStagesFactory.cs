using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Tests;

// The one host for integration tests: the real app on the run's provider (TestProvider), its own SQLite
// file in a temp folder or its own fresh PostgreSQL database.
// A test may replace services (a counting password hasher, say) through testServices. sameDatabaseAs:
// a second instance on a started instance's database (with SQLite its data folder, which holds the
// file; with PostgreSQL its server database, beside a data folder of its own); the first one owns
// the database and removes it, so it is disposed last. sameDataFolder: its data folder on PostgreSQL too
// (the same installation, restarted).
public sealed class PartnerStagesFactory(Action<IServiceCollection>? testServices = null, PartnerStagesFactory? sameDatabaseAs = null,
    bool sameDataFolder = false, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string Password = "maple quartz harbour lantern";

    private readonly bool _ownsDataFolder = sameDatabaseAs is null || (TestProvider.IsPostgreSql && !sameDataFolder);

    public string DataFolder { get; } = sameDatabaseAs is not null && (!TestProvider.IsPostgreSql || sameDataFolder)
        ? sameDatabaseAs.DataFolder
        : Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Services.GetRequiredService<StorageLocation>().DatabasePath;

    // Made when the host is first configured; null on SQLite, and for a second instance (sameDatabaseAs).
    private string? _ownPostgresDatabase;

    public string? PostgresConnectionString { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(StorageLocation.DataFolderKey, DataFolder);
        builder.UseSetting("PartnerStages:PasswordHashIterations", "1000");
        builder.UseSetting("PartnerStages:SessionRecheckSeconds", "0");
        if (TestProvider.IsPostgreSql)
        {
            PostgresConnectionString ??= sameDatabaseAs?.PostgresConnectionString ?? (_ownPostgresDatabase = PostgresTestServer.CreateDatabase());
            builder.UseSetting(PartnerStagesDatabase.ProviderKey, nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting($"ConnectionStrings:{PartnerStagesDatabase.ConnectionStringName}", PostgresConnectionString);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    private Uri? _kestrelAddress;

    public HttpClient CreateBrowserlessClient() => _kestrelAddress is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _kestrelAddress };

    // Real Kestrel on a free port, for what only a real server checks (such as non-ASCII response headers).
    public PartnerStagesFactory ServeOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        _kestrelAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return this;
    }

    // A member of TestData's cast (or a user beyond it, from TestData.Actor), created through
    // Identity so that it signs in with Password.
    public async Task<ApplicationUser> CreateUserAsync(Actor member)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = TestData.User(member);
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, member.Roles.Single());
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        return user;
    }

    public async Task<int> CountUsersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().Users.Count();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownPostgresDatabase is not null)
        {
            PostgresTestServer.DropDatabase(_ownPostgresDatabase);
        }

        if (_ownsDataFolder && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
