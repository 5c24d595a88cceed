using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using Yarp.ReverseProxy.Configuration;

namespace PartnerStages.EndToEndTests.ScaleOut;

// Two app instances on one PostgreSQL database behind a YARP reverse proxy with cookie session
// affinity, as DESIGN.md §8 deploys them. Each instance names itself in an X-Instance response header.
public sealed class ScaleOutSetup : IAsyncDisposable
{
    public const string AffinityCookie = "PartnerStages.Affinity";

    private readonly string _database = PostgresTestServer.CreateDatabase();
    private readonly WebApplication _proxy;

    public ScaleOutSetup()
    {
        First = new Instance("first", _database);
        Second = new Instance("second", _database);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddReverseProxy().LoadFromMemory(
            // The browser's Host goes on to the app: URLs the app writes (a form's action) must name the
            // proxy, or the Content-Security-Policy's form-action 'self' stops the sign-in post.
            [new RouteConfig
            {
                RouteId = "app",
                ClusterId = "instances",
                Match = new RouteMatch { Path = "{**path}" },
                Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
            }],
            [new ClusterConfig
            {
                ClusterId = "instances",
                LoadBalancingPolicy = "RoundRobin",
                SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "HashCookie", AffinityKeyName = AffinityCookie },
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["first"] = new() { Address = First.Address.ToString() },
                    ["second"] = new() { Address = Second.Address.ToString() },
                },
            }]);
        _proxy = builder.Build();
        _proxy.MapReverseProxy();
        _proxy.StartAsync().GetAwaiter().GetResult();
        Address = new Uri(_proxy.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public Instance First { get; }

    public Instance Second { get; }

    // Where a browser goes: the proxy.
    public Uri Address { get; }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
        PostgresTestServer.DropDatabase(_database);
    }

    public sealed class Instance : WebApplicationFactory<Program>
    {
        private readonly string _name;
        private readonly string _database;
        private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "partnerstages-e2e-" + Guid.NewGuid().ToString("N"));

        public Instance(string name, string database)
        {
            (_name, _database) = (name, database);
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            Address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        }

        public Uri Address { get; }

        // The instance's clock: the real one, which a test can move on (the seconds a cache waits).
        public SkippableClock Clock { get; } = new();

        public async Task CreateUserAsync(Actor member, string password)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = TestData.User(member);
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, member.Roles.Single())).Succeeded);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("PartnerStages:DataFolder", _dataFolder);
            builder.UseSetting("PartnerStages:PasswordHashIterations", "1000");
            builder.UseSetting(PartnerStagesDatabase.ProviderKey, nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting($"ConnectionStrings:{PartnerStagesDatabase.ConnectionStringName}", _database);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new NameInstance(_name));
                services.AddSingleton<TimeProvider>(Clock);
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_dataFolder))
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
        }
    }

    private sealed class NameInstance(string name) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers["X-Instance"] = name;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

// Real time, plus what a test skips ahead: what an instance would see a few seconds later.
public sealed class SkippableClock : TimeProvider
{
    private long _skippedTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _skippedTicks));

    public override long GetTimestamp() =>
        base.GetTimestamp() + (long)(Interlocked.Read(ref _skippedTicks) * (TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    public void Skip(TimeSpan time) => Interlocked.Add(ref _skippedTicks, time.Ticks);
}
