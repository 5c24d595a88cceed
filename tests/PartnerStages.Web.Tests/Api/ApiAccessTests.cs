using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Api;

public enum ApiAccess
{
    // Any valid token reads.
    Read,

    // A read-write token of an administrator or a channel manager.
    Create,

    // A read-write token of an administrator or of the partner's owner.
    ChangeOwnPartner,
}

// Every endpoint of /api/v1 × every kind of caller. The endpoint list is the app's own, so a new
// endpoint fails here until it is classified (and given a request to make).
public sealed class ApiAccessTests(ApiHost host) : IClassFixture<ApiHost>
{
    private sealed record Call(string Path, object? Body = null, bool Versioned = false);

    private static readonly object CheckIn = new { inputs = TestData.Inputs() };

    // Each endpoint's access and how to call it on a fresh partner owned by TestData.Manager.
    private static readonly Dictionary<string, (ApiAccess Access, Func<ApiHost, Task<Call>> Arrange)> Endpoints = new()
    {
        ["GET /api/v1/partners"] = (ApiAccess.Read, _ => Task.FromResult(new Call("/api/v1/partners?limit=5"))),
        ["GET /api/v1/partners/changes"] = (ApiAccess.Read, _ => Task.FromResult(new Call("/api/v1/partners/changes"))),
        ["GET /api/v1/partners/{id:int}"] = (ApiAccess.Read, async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}")),
        ["POST /api/v1/partners"] = (ApiAccess.Create, _ => Task.FromResult(new Call("/api/v1/partners",
            TestData.Partner(name: "Created " + Guid.NewGuid().ToString("N")[..8])))),
        ["PUT /api/v1/partners/{id:int}"] = (ApiAccess.ChangeOwnPartner, async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}",
            TestData.Partner(name: "Renamed " + Guid.NewGuid().ToString("N")[..8], ownerId: TestData.ManagerId), Versioned: true)),
        ["POST /api/v1/partners/{id:int}/archive"] = (ApiAccess.ChangeOwnPartner,
            async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}/archive", Versioned: true)),
        ["POST /api/v1/partners/{id:int}/restore"] = (ApiAccess.ChangeOwnPartner, async h =>
        {
            var id = await h.PartnerAsync();
            await h.WithAsync(async s =>
            {
                var partners = s.GetRequiredService<PartnerStages.Data.Partners.PartnerService>();
                await partners.ArchiveAsync(TestData.Administrator, id, (await partners.GetAsync(id))!.RowVersion);
                return id;
            });
            return new Call($"/api/v1/partners/{id}/restore", Versioned: true);
        }),
        ["GET /api/v1/partners/{id:int}/check-ins"] = (ApiAccess.Read, async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}/check-ins")),
        ["POST /api/v1/partners/{id:int}/check-ins"] = (ApiAccess.ChangeOwnPartner,
            async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}/check-ins", CheckIn, Versioned: true)),
        ["GET /api/v1/partners/{id:int}/stage-history"] = (ApiAccess.Read,
            async h => new Call($"/api/v1/partners/{await h.PartnerAsync()}/stage-history")),
        ["POST /api/v1/partners/{id:int}/pending-regression/confirm"] = (ApiAccess.ChangeOwnPartner,
            async h => new Call($"/api/v1/partners/{await h.PartnerWithPendingRegressionAsync()}/pending-regression/confirm", Versioned: true)),
        ["POST /api/v1/partners/{id:int}/pending-regression/dismiss"] = (ApiAccess.ChangeOwnPartner,
            async h => new Call($"/api/v1/partners/{await h.PartnerWithPendingRegressionAsync()}/pending-regression/dismiss", Versioned: true)),
        ["POST /api/v1/partners/{id:int}/override"] = (ApiAccess.ChangeOwnPartner, async h => new Call(
            $"/api/v1/partners/{await h.AssessedPartnerAsync()}/override", new { stage = Stage.Hopeful, reason = "Signed a new practice lead" }, Versioned: true)),
        ["GET /api/v1/dashboard"] = (ApiAccess.Read, _ => Task.FromResult(new Call("/api/v1/dashboard?owner=all&months=6"))),
        ["GET /api/v1/rule-set"] = (ApiAccess.Read, _ => Task.FromResult(new Call("/api/v1/rule-set"))),
    };

    public static readonly string[] Callers =
        ["anonymous", "administrator", "manager", "executive", "other manager", "read-only", "revoked", "expired", "disabled user"];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints.Keys)
        {
            foreach (var caller in Callers)
            {
                cases.Add(endpoint, caller);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_api_endpoint_of_the_app_is_classified()
    {
        var mapped = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();

        var missing = mapped.Except(Endpoints.Keys).ToList();
        Assert.True(missing.Count == 0, $"Classify these API endpoints: {string.Join(", ", missing)}");
        Assert.Empty(Endpoints.Keys.Except(mapped));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_what_its_token_and_role_allow(string endpoint, string caller)
    {
        var (access, arrange) = Endpoints[endpoint];
        var method = new HttpMethod(endpoint.Split(' ')[0]);
        var call = await arrange(host);
        var version = call.Versioned ? (await host.PartnerDetailsAsync(PartnerIdIn(call.Path))).RowVersion : (int?)null;
        using var client = host.Client(await TokenForAsync(caller));
        var auditBefore = await host.AuditCountAsync();

        using var response = await client.SendAsync(ApiHost.Request(method, call.Path, call.Body, version));

        var expected = Expected(endpoint, access, caller);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{endpoint} as {caller}: expected {expected}, got {response.StatusCode}: {body}");
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(auditBefore, await host.AuditCountAsync());
        }
    }

    private static HttpStatusCode Expected(string endpoint, ApiAccess access, string caller) => (access, caller) switch
    {
        (_, "anonymous" or "revoked" or "expired" or "disabled user") => HttpStatusCode.Unauthorized,
        (ApiAccess.Read, _) => HttpStatusCode.OK,
        (_, "read-only" or "executive") => HttpStatusCode.Forbidden,
        (ApiAccess.Create, _) => HttpStatusCode.Created,
        (ApiAccess.ChangeOwnPartner, "other manager") => HttpStatusCode.Forbidden,
        // A check-in is a new resource; the other changes answer with the partner as it now is.
        (ApiAccess.ChangeOwnPartner, _) => endpoint == "POST /api/v1/partners/{id:int}/check-ins" ? HttpStatusCode.Created : HttpStatusCode.OK,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Unknown caller."),
    };

    private async Task<string?> TokenForAsync(string caller) => caller switch
    {
        "anonymous" => null,
        "administrator" => await host.TokenAsync(TestData.Administrator),
        "manager" => await host.TokenAsync(TestData.Manager),
        "executive" => await host.TokenAsync(TestData.Executive),
        "other manager" => await host.TokenAsync(TestData.OtherManager),
        "read-only" => await host.TokenAsync(TestData.Manager, TokenAccess.ReadOnly),
        "revoked" => await host.RevokedTokenAsync(TestData.Manager),
        "expired" => await host.ExpiredTokenAsync(TestData.Manager),
        "disabled user" => await DisabledUsersTokenAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Unknown caller."),
    };

    // A manager beyond the cast, with a token made while enabled, then disabled by an administrator.
    private async Task<string> DisabledUsersTokenAsync()
    {
        var member = TestData.Actor("disabled-" + Guid.NewGuid().ToString("N")[..8], Roles.ChannelManager);
        await host.Factory.CreateUserAsync(member);
        var token = await host.TokenAsync(member);
        await host.DisableAsync(member.UserId);
        return token;
    }

    private static int PartnerIdIn(string path) => int.Parse(path.Split('/')[4], System.Globalization.CultureInfo.InvariantCulture);
}
