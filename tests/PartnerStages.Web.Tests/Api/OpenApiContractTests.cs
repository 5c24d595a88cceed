using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerStages.Web.Tests.Api;

// The document is generated from the endpoints; this checks it describes every one of them, with
// the answers a client must handle.
public sealed class OpenApiContractTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = host.Client(token: null);
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private IEnumerable<(string Method, string Route)> MappedEndpoints() =>
        host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText!)));

    [Fact]
    public async Task Every_api_endpoint_is_in_the_document_with_its_summary_and_its_problem_answers()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var endpoints = MappedEndpoints().ToList();
        Assert.Equal(15, endpoints.Count);

        foreach (var (method, route) in endpoints)
        {
            var path = route.Replace(":int", "", StringComparison.Ordinal);
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document.");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the document.");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary.");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            var expected = new List<string> { "401", "429" };
            expected.Add(method switch { "GET" => "200", "POST" when route.EndsWith("partners", StringComparison.Ordinal) || route.EndsWith("check-ins", StringComparison.Ordinal) => "201", _ => "200" });
            if (method != "GET")
            {
                expected.AddRange(["400", "403"]);
            }

            if (route.Contains("{id:int}", StringComparison.Ordinal) && method != "GET")
            {
                expected.AddRange(["404", "409", "412"]);
                Assert.Contains("If-Match", operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            }

            Assert.True(expected.All(responses.Contains), $"{method} {path} answers {string.Join(", ", responses)}; expected at least {string.Join(", ", expected)}.");
            foreach (var problem in responses.Where(r => r[0] is '4' or '5'))
            {
                var content = operation.GetProperty("responses").GetProperty(problem).GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {problem} is not a problem.");
            }
        }
    }

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_with_the_token_scheme_and_request_schemas()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("PersonalAccessToken");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("PersonalAccessToken", document.GetProperty("security")[0].EnumerateObject().Single().Name);

        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/v1/partners", "post"), ("/api/v1/partners/{id}", "put"), ("/api/v1/partners/{id}/check-ins", "post"),
                     ("/api/v1/partners/{id}/override", "post") })
        {
            var body = paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.True(body.GetProperty("schema").TryGetProperty("$ref", out _), $"{method} {path} has no request schema.");
        }

        var list = paths.GetProperty("/api/v1/partners").GetProperty("get");
        Assert.Superset(new HashSet<string> { "q", "stage", "owner", "region", "area", "sort", "desc", "limit", "cursor" },
            list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("PartnerListResponse", out _));
    }
}
