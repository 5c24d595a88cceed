using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Api;

// The app with TestData's cast, tokens for them and partners to call the API on.
public class ApiHost : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public ApiHost() : this(new Dictionary<string, string>())
    {
    }

    // Settings of a host for one test class (a small rate limit, say).
    protected ApiHost(IReadOnlyDictionary<string, string> settings) =>
        Factory = new PartnerStagesFactory(settings: new Dictionary<string, string>(settings)
        {
            ["PartnerStages:Api:ChangeFeedSettleSeconds"] = settings.GetValueOrDefault("PartnerStages:Api:ChangeFeedSettleSeconds", "0"),
            ["PartnerStages:Api:RequestsPerMinute"] = settings.GetValueOrDefault("PartnerStages:Api:RequestsPerMinute", "100000"),
        });

    public PartnerStagesFactory Factory { get; }

    public async Task InitializeAsync()
    {
        foreach (var member in TestData.Cast)
        {
            await Factory.CreateUserAsync(member);
        }
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public Task<string> TokenAsync(Actor member, TokenAccess access = TokenAccess.ReadWrite, string name = "CRM sync") =>
        WithAsync(async s => (await s.GetRequiredService<PersonalAccessTokenService>().CreateAsync(member,
            new TokenInput { Name = name, Access = access, ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) })).Secret);

    // A token whose expiry has passed, written straight to the store (the service makes none).
    public Task<string> ExpiredTokenAsync(Actor member) => WithAsync(async s =>
    {
        var secret = PersonalAccessTokenService.Prefix + Guid.NewGuid().ToString("N");
        var now = DateTime.UtcNow;
        await using var db = await s.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        db.PersonalAccessTokens.Add(new PersonalAccessToken(member.UserId, "Old", TokenAccess.ReadWrite,
            PersonalAccessTokenService.Hash(secret), "pst_old…", now.AddDays(-10), now.AddDays(-1)));
        await db.SaveChangesAsync();
        return secret;
    });

    public Task<string> RevokedTokenAsync(Actor member) => WithAsync(async s =>
    {
        var tokens = s.GetRequiredService<PersonalAccessTokenService>();
        var created = await tokens.CreateAsync(member, new TokenInput { Name = "Revoked", Access = TokenAccess.ReadWrite,
            ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) });
        await tokens.RevokeAsync(member, created.Token.Id);
        return created.Secret;
    });

    public Task DisableAsync(string userId) => WithAsync(async s =>
    {
        await s.GetRequiredService<UserAdministration>().SetDisabledAsync(TestData.Administrator, userId, disabled: true);
        return true;
    });

    public HttpClient Client(string? token)
    {
        var client = Factory.CreateBrowserlessClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task<int> PartnerAsync(string ownerId = TestData.ManagerId, string? name = null) =>
        WithAsync(s => s.GetRequiredService<PartnerService>().CreateAsync(TestData.Administrator,
            TestData.Partner(name: name ?? "Partner " + Guid.NewGuid().ToString("N")[..8], ownerId: ownerId)));

    public Task<PartnerDetails> PartnerDetailsAsync(int id) =>
        WithAsync(async s => (await s.GetRequiredService<PartnerService>().GetAsync(id))!);

    // A partner with one check-in, so it has a stage (Hopeful).
    public Task<int> AssessedPartnerAsync() => WithAsync(async s =>
    {
        var id = await PartnerAsync();
        var assessments = s.GetRequiredService<AssessmentService>();
        var partners = s.GetRequiredService<PartnerService>();
        await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), assessments.Today, null, (await partners.GetAsync(id))!.RowVersion);
        return id;
    });

    // A partner whose latest check-in gave a lower stage than its current one, still to confirm or dismiss.
    public Task<int> PartnerWithPendingRegressionAsync() => WithAsync(async s =>
    {
        var id = await PartnerAsync();
        var assessments = s.GetRequiredService<AssessmentService>();
        var partners = s.GetRequiredService<PartnerService>();
        await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), assessments.Today, null, (await partners.GetAsync(id))!.RowVersion);
        await assessments.RecordAsync(TestData.Manager, id, TestData.DespairInputs, assessments.Today, null, (await partners.GetAsync(id))!.RowVersion);
        return id;
    });

    public Task<int> AuditCountAsync() => WithAsync(async s =>
    {
        await using var db = await s.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync();
    });

    public static HttpRequestMessage Request(HttpMethod method, string path, object? body = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return request;
    }
}
