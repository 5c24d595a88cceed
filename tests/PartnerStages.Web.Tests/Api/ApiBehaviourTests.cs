using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Api;

public sealed class ApiBehaviourTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    // The partner's own columns (the record's lists compare by reference).
    private static PartnerStages.Data.Partners.PartnerDetails Columns(PartnerStages.Data.Partners.PartnerDetails partner) => partner with { VendorContacts = [], Sponsors = [] };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    private static readonly string[] Names = ["Northwind One", "Northwind Two"];

    [Fact]
    public async Task Two_updates_with_the_same_If_Match_let_exactly_one_through_and_tell_the_other_the_current_version()
    {
        var id = await host.PartnerAsync();
        var version = (await host.PartnerDetailsAsync(id)).RowVersion;
        using var client = host.Client(await host.TokenAsync(TestData.Manager));

        var answers = await Task.WhenAll(Names.Select(name => client.SendAsync(ApiHost.Request(HttpMethod.Put,
            $"/api/v1/partners/{id}", TestData.Partner(name: name, ownerId: TestData.ManagerId), version))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        await AssertProblemAsync(refused, HttpStatusCode.Conflict);
        var current = (await host.PartnerDetailsAsync(id)).RowVersion;
        Assert.Equal(version + 1, current);
        Assert.Equal(current, (await JsonOf(refused)).GetProperty("currentVersion").GetInt32());
        Assert.Equal($"\"{current}\"", refused.Headers.ETag?.Tag);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal($"\"{current}\"", winner.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_change_without_If_Match_is_refused_with_412_and_changes_nothing()
    {
        var id = await host.PartnerAsync();
        var before = await host.PartnerDetailsAsync(id);
        using var client = host.Client(await host.TokenAsync(TestData.Manager));

        using var response = await client.SendAsync(ApiHost.Request(HttpMethod.Post, $"/api/v1/partners/{id}/archive"));

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(Columns(before), Columns(await host.PartnerDetailsAsync(id)));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "malformed JSON", "{\"name\": \"Fabrikam\", " },
        { "a wrong type", "{\"name\": \"Fabrikam\", \"region\": \"EMEA\", \"solutionArea\": \"DataAndAi\", \"programmeLevel\": \"SolutionsPartner\", \"joinedProgrammeOn\": 42}" },
        { "an unknown field", "{\"name\": \"Fabrikam\", \"region\": \"EMEA\", \"solutionArea\": \"DataAndAi\", \"programmeLevel\": \"SolutionsPartner\", \"joinedProgrammeOn\": \"2024-01-15\", \"colour\": \"red\"}" },
        { "an unknown enum value", "{\"name\": \"Fabrikam\", \"region\": \"EMEA\", \"solutionArea\": \"Gardening\", \"programmeLevel\": \"SolutionsPartner\", \"joinedProgrammeOn\": \"2024-01-15\"}" },
        { "a huge body", "{\"name\": \"Fabrikam\", \"notes\": \"" + new string('x', 200_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_that_cannot_be_read_gets_a_problem_and_changes_nothing(string kind, string body)
    {
        var id = await host.PartnerAsync();
        var before = await host.PartnerDetailsAsync(id);
        using var client = host.Client(await host.TokenAsync(TestData.Manager));
        var audit = await host.AuditCountAsync();

        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/partners", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var created = await client.SendAsync(create);
        using var update = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/partners/{id}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        update.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{before.RowVersion}\""));
        using var updated = await client.SendAsync(update);

        var status = kind == "a huge body" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest;
        await AssertProblemAsync(created, status);
        await AssertProblemAsync(updated, status);
        Assert.Equal(Columns(before), Columns(await host.PartnerDetailsAsync(id)));
        Assert.Equal(audit, await host.AuditCountAsync());
    }

    [Fact]
    public async Task Invalid_fields_are_each_named_with_the_forms_messages()
    {
        var id = await host.PartnerAsync();
        var version = (await host.PartnerDetailsAsync(id)).RowVersion;
        using var client = host.Client(await host.TokenAsync(TestData.Manager));

        using var response = await client.SendAsync(ApiHost.Request(HttpMethod.Post, $"/api/v1/partners/{id}/check-ins",
            new { inputs = TestData.Inputs(fluency: 0, delivery: 9, capability: 120) }, version));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await JsonOf(response)).GetProperty("errors");
        Assert.Equal(["capabilityScore", "deliveryConfidence", "programmeFluency"], errors.EnumerateObject().Select(e => e.Name).Order());
        var expected = Core.Rules.AssessmentValidation.Validate(TestData.Inputs(fluency: 0, delivery: 9, capability: 120));
        Assert.Equal(expected.Single(e => e.Field == "ProgrammeFluency").Message, errors.GetProperty("programmeFluency")[0].GetString());
        Assert.Equal(version, (await host.PartnerDetailsAsync(id)).RowVersion);
    }

    [Fact]
    public async Task A_partner_with_several_invalid_fields_gets_each_named_and_nothing_is_written()
    {
        var id = await host.PartnerAsync();
        var version = (await host.PartnerDetailsAsync(id)).RowVersion;
        using var client = host.Client(await host.TokenAsync(TestData.Administrator));
        var audit = await host.AuditCountAsync();
        var invalid = new { name = "  ", region = new string('r', Partner.RegionMaxLength + 1), solutionArea = "Security", programmeLevel = "Member" };

        using var created = await client.SendAsync(ApiHost.Request(HttpMethod.Post, "/api/v1/partners", invalid));
        using var updated = await client.SendAsync(ApiHost.Request(HttpMethod.Put, $"/api/v1/partners/{id}", invalid, version));

        var expected = Partner.DetailsProblems("  ", invalid.region, null);
        foreach (var response in new[] { created, updated })
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
            var errors = (await JsonOf(response)).GetProperty("errors");
            Assert.Equal(["joinedProgrammeOn", "name", "region"], errors.EnumerateObject().Select(e => e.Name).Order());
            Assert.Equal(expected.Single(e => e.Field == "Region").Message, errors.GetProperty("region")[0].GetString());
            Assert.Equal(Partner.JoinedProgrammeRequired, errors.GetProperty("joinedProgrammeOn")[0].GetString());
        }

        Assert.Equal(version, (await host.PartnerDetailsAsync(id)).RowVersion);
        Assert.Equal(audit, await host.AuditCountAsync());
    }

    [Theory]
    [InlineData("/api/v1/partners?cursor=not-a-cursor")]
    [InlineData("/api/v1/partners?cursor=eyJGaWx0ZXJzIjoieCJ9")]
    [InlineData("/api/v1/partners?limit=500")]
    [InlineData("/api/v1/partners?stage=Ecstasy")]
    [InlineData("/api/v1/partners?overdue=maybe")]
    [InlineData("/api/v1/partners/changes?since=garbage")]
    public async Task A_bad_query_gets_a_problem(string path)
    {
        using var client = host.Client(await host.TokenAsync(TestData.Executive));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/partners/99999999")]
    public async Task What_is_not_there_is_a_problem_not_the_apps_not_found_page(string path)
    {
        using var client = host.Client(await host.TokenAsync(TestData.Executive));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Paging_with_the_next_link_gives_every_partner_once_in_the_lists_order()
    {
        var owner = TestData.Actor("paging-" + Guid.NewGuid().ToString("N")[..6], Roles.ChannelManager);
        await host.Factory.CreateUserAsync(owner);
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo", "echo" })
        {
            await host.PartnerAsync(owner.UserId, $"{name} {owner.UserId}");
        }

        using var client = host.Client(await host.TokenAsync(TestData.Executive));
        var seen = new List<string>();
        var next = $"/api/v1/partners?owner={owner.UserId}&limit=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await JsonOf(await client.GetAsync(new Uri(next, UriKind.Relative)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!.Split(' ')[0]));
            next = page.GetProperty("next").GetString();
            pages++;
            if (pages == 1)
            {
                // A partner added before the reader's position does not shift the pages after it.
                await host.PartnerAsync(owner.UserId, $"Aardvark {owner.UserId}");
            }
        }

        Assert.Equal(["Alpha", "Bravo", "charlie", "delta", "echo"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task The_change_feed_gives_what_was_written_after_its_cursor()
    {
        using var client = host.Client(await host.TokenAsync(TestData.Manager));
        var first = await JsonOf(await client.GetAsync(new Uri("/api/v1/partners/changes?limit=200", UriKind.Relative)));
        var cursor = first.GetProperty("cursor").GetString()!;
        while (first.GetProperty("next").GetString() is { } more)
        {
            first = await JsonOf(await client.GetAsync(new Uri(more, UriKind.Relative)));
            cursor = first.GetProperty("cursor").GetString()!;
        }

        var changed = await host.PartnerAsync();
        var untouched = await host.PartnerAsync();
        var version = (await host.PartnerDetailsAsync(changed)).RowVersion;
        var recorded = await client.SendAsync(ApiHost.Request(HttpMethod.Post, $"/api/v1/partners/{changed}/check-ins",
            new { inputs = TestData.Inputs() }, version));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var since = await JsonOf(await client.GetAsync(new Uri($"/api/v1/partners/changes?since={cursor}", UriKind.Relative)));

        var items = since.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("partner").GetProperty("id").GetInt32()).ToList();
        Assert.Equal([changed, untouched], items.Distinct().Order());
        var latest = since.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("partner").GetProperty("id").GetInt32() == changed);
        Assert.Equal("Hopeful", latest.GetProperty("partner").GetProperty("currentStage").GetString());
        var after = await JsonOf(await client.GetAsync(new Uri($"/api/v1/partners/changes?since={since.GetProperty("cursor").GetString()}", UriKind.Relative)));
        Assert.Empty(after.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_check_in_answers_with_the_verdict_why_and_the_path_forward_and_its_audit_entry_names_the_token()
    {
        var id = await host.PartnerAsync();
        var version = (await host.PartnerDetailsAsync(id)).RowVersion;
        using var client = host.Client(await host.TokenAsync(TestData.Manager, name: "CRM sync"));

        using var response = await client.SendAsync(ApiHost.Request(HttpMethod.Post, $"/api/v1/partners/{id}/check-ins",
            new { inputs = TestData.Inputs(), evidence = "Quarterly review" }, version));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal("Started", body.GetProperty("outcome").GetString());
        Assert.Equal("Hopeful", body.GetProperty("currentStage").GetString());
        var verdict = body.GetProperty("verdict");
        Assert.Equal("Hopeful", verdict.GetProperty("stage").GetString());
        Assert.Equal("Soaring", verdict.GetProperty("pathForward").GetProperty("target").GetString());
        Assert.NotEmpty(verdict.GetProperty("pathForward").GetProperty("unmet").EnumerateArray());
        Assert.NotEmpty(verdict.GetProperty("matchedRule").GetProperty("conditions").EnumerateArray());
        Assert.Equal($"\"{body.GetProperty("version").GetInt32()}\"", response.Headers.ETag?.Tag);

        var entry = await host.WithAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
            return await db.AuditEntries.Where(a => a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && a.Action == AuditAction.Assessed).SingleAsync();
        });
        Assert.Equal(TestData.ManagerId, entry.UserId);
        Assert.Equal($"{TestData.Email(TestData.Manager)} (token CRM sync)", entry.UserName);
    }

    [Fact]
    public async Task A_token_acts_with_its_users_role_as_it_is_now()
    {
        var member = TestData.Actor("promoted-" + Guid.NewGuid().ToString("N")[..6], Roles.Executive);
        await host.Factory.CreateUserAsync(member);
        using var client = host.Client(await host.TokenAsync(member));
        var partner = TestData.Partner(name: "Promoted " + member.UserId);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(ApiHost.Request(HttpMethod.Post, "/api/v1/partners", partner))).StatusCode);
        await host.WithAsync(async s =>
        {
            await s.GetRequiredService<UserAdministration>().ChangeRoleAsync(TestData.Administrator, member.UserId, Roles.ChannelManager);
            return true;
        });

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(ApiHost.Request(HttpMethod.Post, "/api/v1/partners", partner))).StatusCode);
    }

    [Fact]
    public async Task Last_use_is_written_once_a_minute_at_most_not_on_every_request()
    {
        var member = TestData.Actor("busy-" + Guid.NewGuid().ToString("N")[..6], Roles.Executive);
        await host.Factory.CreateUserAsync(member);
        using var client = host.Client(await host.TokenAsync(member));
        async Task<DateTime?> LastUsedAsync() => (await host.WithAsync(s => s.GetRequiredService<PersonalAccessTokenService>().ListMineAsync(member)))
            .Single().LastUsedAtUtc;
        Assert.Null(await LastUsedAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/rule-set", UriKind.Relative))).StatusCode);
        var first = await LastUsedAsync();
        Assert.NotNull(first);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/rule-set", UriKind.Relative))).StatusCode);

        Assert.Equal(first, await LastUsedAsync());
    }

    [Fact]
    public async Task A_browser_signed_in_with_a_cookie_cannot_write_through_the_api()
    {
        using var browser = host.Factory.CreateBrowserlessClient();
        await FormPost.SignInAsync(browser, TestData.Email(TestData.Administrator), PartnerStagesFactory.Password);
        var audit = await host.AuditCountAsync();

        using var response = await browser.SendAsync(ApiHost.Request(HttpMethod.Post, "/api/v1/partners", TestData.Partner(name: "Cookie Partner")));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(audit, await host.AuditCountAsync());
    }
}
