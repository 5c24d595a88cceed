using System.Net;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Api;

public sealed class ApiRateLimitTests(ApiRateLimitTests.SmallLimitHost host) : IClassFixture<ApiRateLimitTests.SmallLimitHost>
{
    public sealed class SmallLimitHost() : ApiHost(new Dictionary<string, string> { ["PartnerStages:Api:RequestsPerMinute"] = "3" });

    [Fact]
    public async Task A_token_over_its_limit_gets_429_with_Retry_After_while_another_token_goes_on()
    {
        using var busy = host.Client(await host.TokenAsync(TestData.Executive, TokenAccess.ReadOnly, "Busy"));
        using var other = host.Client(await host.TokenAsync(TestData.Manager, TokenAccess.ReadOnly, "Other"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/api/v1/rule-set", UriKind.Relative))).StatusCode);
        }

        using var refused = await busy.GetAsync(new Uri("/api/v1/rule-set", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/v1/rule-set", UriKind.Relative))).StatusCode);
    }
}
