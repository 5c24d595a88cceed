using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.EndToEndTests.ScaleOut;

// Through the proxy, as a browser's requests go (plain HTTP; the browser-driven scenarios are to follow):
// a sign-in holds whichever instance serves the next request, and what one instance writes the other reads.
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const string Password = "maple quartz harbour lantern";

    private ScaleOutSetup _setup = default!;
    private readonly CookieContainer _cookies = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _setup = new ScaleOutSetup();
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = _setup.Address };
        // The administrator ends the first run on both instances (they share the database).
        await _setup.First.CreateUserAsync(TestData.Administrator, Password);
        await _setup.First.CreateUserAsync(TestData.Manager, Password);
        var signIn = await FormPost.SignInAsync(_client, TestData.Email(TestData.Manager), Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _setup.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_through_the_proxy_holds_when_the_other_instance_serves_the_next_page()
    {
        var pinned = await GetAsync("/partners");
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        var first = Instance(pinned);
        Assert.Equal(first, Instance(await GetAsync("/partners")));

        // Without its affinity cookie (an instance gone, a new browser tab after the cookie expired)
        // the proxy picks again, round robin: within two requests the other instance answers.
        var served = new List<(string Instance, HttpStatusCode Status)>();
        for (var i = 0; i < 2 && served.All(s => s.Instance == first); i++)
        {
            ForgetAffinity();
            var response = await GetAsync("/partners");
            served.Add((Instance(response), response.StatusCode));
        }

        Assert.Contains(served, s => s.Instance != first);
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
    }

    [Fact]
    public async Task A_partner_added_on_one_instance_is_listed_by_the_other()
    {
        var reader = Instance(await GetAsync("/partners"));
        var writer = reader == "first" ? _setup.Second : _setup.First;
        await using (var scope = writer.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PartnerService>().CreateAsync(TestData.Manager,
                new PartnerInput { Name = "Northwind Traders", Region = "EMEA", SolutionArea = Core.Partners.SolutionArea.Security,
                    ProgrammeLevel = Core.Partners.ProgrammeLevel.Member, JoinedProgrammeOn = new DateOnly(2024, 1, 15) });
        }

        var export = await GetAsync("/export/partners.csv");

        Assert.Equal((reader, HttpStatusCode.OK), (Instance(export), export.StatusCode));
        Assert.Contains("Northwind Traders", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_set_published_on_one_instance_judges_the_next_check_in_on_the_other()
    {
        int partnerId;
        await using (var scope = _setup.First.Services.CreateAsyncScope())
        {
            partnerId = await scope.ServiceProvider.GetRequiredService<PartnerService>().CreateAsync(TestData.Manager,
                new PartnerInput { Name = "Fabrikam Partners", Region = "EMEA", SolutionArea = Core.Partners.SolutionArea.Security,
                    ProgrammeLevel = Core.Partners.ProgrammeLevel.Member, JoinedProgrammeOn = new DateOnly(2024, 1, 15) });
        }

        // The other instance has the active version cached before the publish.
        var other = _setup.Second.Services.GetRequiredService<RuleSetStore>();
        Assert.Equal(RuleSet.Default.Version, (await other.GetActiveAsync()).Version);

        int published;
        await using (var scope = _setup.First.Services.CreateAsyncScope())
        {
            var lab = scope.ServiceProvider.GetRequiredService<RuleSetService>();
            published = await lab.StartDraftAsync(TestData.Administrator, RuleSet.Default.Version);
            var draft = await lab.GetAsync(TestData.Administrator, published);
            var rules = RuleSet.Default with { Version = published, Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 60 } };
            var version = await lab.SaveDraftAsync(TestData.Administrator, published, rules, draft.RowVersion);
            await scope.ServiceProvider.GetRequiredService<RuleSetPublisher>().PublishAsync(TestData.Administrator, published, version, reevaluate: false);
        }

        // A few seconds later on the other instance (its cache checks the database's version stamp).
        _setup.Second.Clock.Skip(RuleSetStore.StampCheckInterval);
        await using (var scope = _setup.Second.Services.CreateAsyncScope())
        {
            var partner = (await scope.ServiceProvider.GetRequiredService<PartnerService>().GetAsync(partnerId))!;
            var recorded = await scope.ServiceProvider.GetRequiredService<AssessmentService>().RecordAsync(TestData.Manager, partnerId,
                new AssessmentInputs { ProgrammeFluency = 4, DeliveryConfidence = 4, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3 },
                partner.JoinedProgrammeOn.AddMonths(6), "Quarterly check-in", partner.RowVersion);
            Assert.Equal(published, recorded.Verdict.RuleSetVersion);
        }
    }

    private Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative));

    private static string Instance(HttpResponseMessage response) => response.Headers.GetValues("X-Instance").Single();

    private void ForgetAffinity()
    {
        foreach (Cookie cookie in _cookies.GetCookies(_setup.Address))
        {
            if (cookie.Name == ScaleOutSetup.AffinityCookie)
            {
                cookie.Expired = true;
            }
        }
    }
}
