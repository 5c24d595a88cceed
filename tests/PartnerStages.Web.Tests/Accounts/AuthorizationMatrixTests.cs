using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Backups;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.Web.Tests.Accounts;

public enum Access
{
    Anyone,
    SignedIn,
    Administrator,
    GoneAfterSetup,

    // The API: a personal access token only. A browser's sign-in cookie is not read there (no CSRF),
    // so every role signed in with a cookie is refused like anyone else (ApiAccessTests covers tokens).
    Token,
}

// Every page and GET endpoint of the app × every role. The route list comes from the app's own
// endpoint table, so a new page or endpoint fails here until someone decides who may open it.
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public static readonly Dictionary<string, Access> Expected = new()
    {
        ["/"] = Access.SignedIn,
        ["/partners"] = Access.SignedIn,
        ["/dashboard"] = Access.SignedIn,
        ["/dashboard/export/{table}.csv"] = Access.SignedIn,
        ["/partners/{Id:int}"] = Access.SignedIn,
        ["/partners/{Id:int}/assess"] = Access.SignedIn,
        ["/admin/users"] = Access.Administrator,
        ["/admin/audit"] = Access.Administrator,
        ["/admin/regions"] = Access.Administrator,
        ["/admin/rules"] = Access.Administrator,
        ["/admin/rules/{Number:int}"] = Access.Administrator,
        ["/admin/import"] = Access.Administrator,
        ["/admin/backups"] = Access.Administrator,
        ["/admin/tokens"] = Access.Administrator,
        ["/account/tokens"] = Access.SignedIn,
        ["/admin/backups/{file}"] = Access.Administrator,
        ["/admin/webhooks"] = Access.Administrator,
        ["/admin/webhooks/{Id:int}"] = Access.Administrator,
        ["/admin/diagnostics"] = Access.Administrator,
        ["/admin/diagnostics/circuit"] = Access.Administrator,
        ["/metrics"] = Access.Administrator,
        ["/export/partners.csv"] = Access.SignedIn,
        ["/export/assessments.csv"] = Access.SignedIn,
        ["/export/templates/{kind}.csv"] = Access.Administrator,
        ["/Account/Login"] = Access.Anyone,
        ["/Account/AccessDenied"] = Access.Anyone,
        ["/Account/ChangePassword"] = Access.SignedIn,
        ["/not-found"] = Access.Anyone,
        ["/Error"] = Access.Anyone,
        ["/health"] = Access.Anyone,
        ["/health/live"] = Access.Anyone,
        ["/health/ready"] = Access.Anyone,
        ["/setup"] = Access.GoneAfterSetup,
        ["/api/v1/partners"] = Access.Token,
        ["/api/v1/partners/changes"] = Access.Token,
        ["/api/v1/partners/{id:int}"] = Access.Token,
        ["/api/v1/partners/{id:int}/check-ins"] = Access.Token,
        ["/api/v1/partners/{id:int}/stage-history"] = Access.Token,
        ["/api/v1/dashboard"] = Access.Token,
        ["/api/v1/rule-set"] = Access.Token,
        // Public: the document and its reference page describe the API's shape, never data, and an
        // integrator reads them before holding a token (the API itself still needs one).
        ["/openapi/{documentName}.json"] = Access.Anyone,
        ["/api/docs/{documentName?}"] = Access.Anyone,
        ["/api/docs/scalar.js"] = Access.Anyone,
        ["/api/docs/scalar.aspnetcore.js"] = Access.Anyone,
        ["/api/docs/favicon.svg"] = Access.Anyone,
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var route in Expected.Keys)
        {
            // On PostgreSQL the app keeps no backup files (the server backs up), so there is none to ask for.
            if (TestProvider.IsPostgreSql && route == "/admin/backups/{file}")
            {
                continue;
            }

            foreach (var role in new[] { "Anonymous", Roles.ChannelManager, Roles.Executive, Roles.Administrator })
            {
                cases.Add(route, role);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_page_and_endpoint_of_the_app_is_in_the_matrix()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                || e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            // Static files (the app's, the framework's, MudBlazor's) and the Blazor hub are public by design.
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !route.StartsWith("/_", StringComparison.Ordinal) && !route.Contains(":file}", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        routes.AddRange(app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.DisplayName?.Contains("Health checks", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')));

        var missing = routes.Distinct().Except(Expected.Keys).ToList();
        Assert.True(missing.Count == 0, $"Decide who may open these, then add them to the matrix: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_what_the_matrix_says(string route, string role)
    {
        using var client = await app.ClientForAsync(role);
        var path = route.Replace("{Id:int}", app.PartnerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{Number:int}", "1", StringComparison.Ordinal)
            .Replace("{kind}", "partners", StringComparison.Ordinal)
            .Replace("{table}", "distribution", StringComparison.Ordinal)
            .Replace("{file}", app.BackupName, StringComparison.Ordinal)
            .Replace("{id:int}", app.PartnerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", "", StringComparison.Ordinal);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var location = FormPost.RedirectPath(response) ?? "";

        switch (Expected[route], role)
        {
            case (Access.Token, _):
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                break;
            case (Access.GoneAfterSetup, _):
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                break;
            case (Access.Anyone, _):
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case (_, "Anonymous"):
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/Login", location, StringComparison.Ordinal);
                break;
            case (Access.Administrator, not Roles.Administrator):
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", location, StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
        }
    }

    // The rules lab publishes, traces and backtests through services the draft page calls, not through
    // endpoints: each of them refuses every role but the administrator's on the server.
    public static readonly Dictionary<string, Func<IServiceProvider, Actor, Task>> RulesLabOperations = new()
    {
        ["list versions"] = (s, actor) => s.GetRequiredService<RuleSetService>().ListVersionsAsync(actor),
        ["open a version"] = (s, actor) => s.GetRequiredService<RuleSetService>().GetAsync(actor, 1),
        ["work out the impact"] = (s, actor) => s.GetRequiredService<RuleImpactService>().ComputeAsync(actor, RuleSet.Default),
        ["find a partner to trace"] = (s, actor) => s.GetRequiredService<PartnerTraceService>().FindPartnersAsync(actor, "Contoso"),
        ["trace one partner"] = (s, actor) => s.GetRequiredService<PartnerTraceService>().TraceAsync(actor, AppPartnerId, RuleSet.Default),
        ["run the backtest"] = (s, actor) => s.GetRequiredService<BacktestService>().RunAsync(actor, RuleSet.Default),
        // Version 1 is active, never a draft: an administrator is refused as a rule, not as a role.
        ["publish"] = (s, actor) => s.GetRequiredService<RuleSetPublisher>().PublishAsync(actor, 1, 0, reevaluate: true),
    };

    // The partner the fixture creates is the first row of its fresh database.
    private const int AppPartnerId = 1;

    public static TheoryData<string, string> RulesLabCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var operation in RulesLabOperations.Keys)
        {
            foreach (var member in new[] { TestData.ManagerId, TestData.ExecutiveId, TestData.AdministratorId })
            {
                cases.Add(operation, member);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(RulesLabCases))]
    public async Task Only_an_administrator_reaches_the_rules_lab_services(string operation, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var run = RulesLabOperations[operation](scope.ServiceProvider, TestData.CastMember(userId));

        if (userId != TestData.AdministratorId)
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => run);
        }
        else if (operation == "publish")
        {
            await Assert.ThrowsAsync<DomainException>(() => run);
        }
        else
        {
            await run;
        }
    }

    public sealed class App : IAsyncLifetime
    {
        private readonly PartnerStagesFactory _factory = new();

        public IServiceProvider Services => _factory.Services;

        public int PartnerId { get; private set; }

        public string BackupName { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await _factory.CreateUserAsync(TestData.Administrator);
            await _factory.CreateUserAsync(TestData.Manager);
            await _factory.CreateUserAsync(TestData.Executive);
            await using var scope = _factory.Services.CreateAsyncScope();
            PartnerId = await scope.ServiceProvider.GetRequiredService<PartnerService>()
                .CreateAsync(TestData.Administrator, TestData.Partner(ownerId: TestData.AdministratorId));
            var backups = scope.ServiceProvider.GetRequiredService<BackupService>();
            if (backups.IsAvailable)
            {
                BackupName = (await backups.BackUpAsync(TestData.Administrator)).Name;
            }
        }

        public async Task<HttpClient> ClientForAsync(string role)
        {
            var client = _factory.CreateBrowserlessClient();
            var email = role switch
            {
                Roles.Administrator => TestData.Email(TestData.Administrator),
                Roles.ChannelManager => TestData.Email(TestData.Manager),
                Roles.Executive => TestData.Email(TestData.Executive),
                _ => null,
            };
            if (email is not null)
            {
                var signIn = await FormPost.SignInAsync(client, email, PartnerStagesFactory.Password);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }

            return client;
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();
    }
}
