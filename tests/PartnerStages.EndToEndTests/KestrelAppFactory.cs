using PartnerStages.Data.Partners;
using PartnerStages.Data.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Assessments;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;
using PartnerStages.Web.Accounts;

namespace PartnerStages.EndToEndTests;

// The real app on real Kestrel, so a real browser can reach it; a fresh data folder per instance
// gives every test its own empty database.
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "partnerstages-e2e-" + Guid.NewGuid().ToString("N"));

    public KestrelAppFactory()
    {
        // Port 0: the OS picks a free port, so test hosts in parallel never collide.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();

        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        // Browse via localhost rather than 127.0.0.1: browsers treat it as a secure context.
        BaseAddress = new UriBuilder(address) { Host = "localhost" }.Uri;
    }

    public Uri BaseAddress { get; }

    public string SetupCode => Services.GetRequiredService<FirstRun>().SetupCode;

    // Every user a test creates signs in with this password.
    public const string UserPassword = "maple quartz harbour lantern";

    // A member of TestData's cast, confirmed, as an administrator would create it; the first
    // administrator also ends the first run, so pages stop leading to /setup.
    public async Task CreateUserAsync(Actor member)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = TestData.User(member);
        Succeed(await users.CreateAsync(user, UserPassword));
        Succeed(await users.AddToRoleAsync(user, member.Roles.Single()));
    }

    // A partner created and assessed through the real services, as seed data for a browser test.
    public async Task<int> AddAssessedPartnerAsync(Actor creator, string name, AssessmentInputs inputs,
        SolutionArea area = SolutionArea.DataAndAi, string? ownerId = null, string? evidence = null, int assessedDaysAgo = 0)
    {
        await using var scope = Services.CreateAsyncScope();
        var partners = scope.ServiceProvider.GetRequiredService<PartnerService>();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var id = await partners.CreateAsync(creator, new PartnerInput
        {
            Name = name,
            Region = "EMEA",
            SolutionArea = area,
            ProgrammeLevel = ProgrammeLevel.SolutionsPartner,
            JoinedProgrammeOn = new DateOnly(2024, 1, 15),
            OwnerId = ownerId,
        });
        var context = await assessments.GetContextAsync(creator, id);
        await assessments.RecordAsync(creator, id, inputs, assessments.Today.AddDays(-assessedDaysAgo), evidence, context.PartnerRowVersion);
        return id;
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PartnerStages:DataFolder", _dataFolder);
        // The production count costs ~300 ms per hash; tests only need the mechanism.
        builder.UseSetting("PartnerStages:PasswordHashIterations", "1000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections keep the database file open (which blocks deleting it on Windows).
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
