using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Webhooks;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Webhooks;

public sealed class WebhookServiceTests : ServiceTestBase
{
    private WebhookService Webhooks => Get<WebhookService>();

    private static WebhookEndpointInput Input(string url = "https://crm.example.com/hooks", bool enabled = true, params string[] events) => new()
    {
        Url = url,
        Description = "CRM sync",
        Events = events.Length == 0 ? [.. WebhookEvents.All] : [.. events],
        IsEnabled = enabled,
    };

    [Theory]
    [InlineData("")]
    [InlineData("ftp://files.example.com/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/hooks/relative")]
    [InlineData("crm.example.com/hooks")]
    public async Task A_url_that_is_not_absolute_http_or_https_is_refused_on_the_url_field(string url)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Webhooks.CreateAsync(TestData.Administrator, Input(url)));

        Assert.Equal(nameof(WebhookEndpoint.Url), refused.Field);
        Assert.Empty(await Webhooks.ListAsync(TestData.Administrator));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5005/hooks")]
    [InlineData("https://crm.example.com/partnerstages?tenant=7")]
    public async Task Absolute_http_and_https_urls_are_accepted(string url)
    {
        await Webhooks.CreateAsync(TestData.Administrator, Input(url));

        Assert.Equal(url, Assert.Single(await Webhooks.ListAsync(TestData.Administrator)).Url);
    }

    [Fact]
    public async Task An_endpoint_needs_at_least_one_known_event()
    {
        var none = await Assert.ThrowsAsync<DomainException>(() => Webhooks.CreateAsync(TestData.Administrator, new WebhookEndpointInput { Url = "https://x.example.com", Events = [] }));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Webhooks.CreateAsync(TestData.Administrator, Input(events: "partner.deleted")));

        Assert.Equal("Events", none.Field);
        Assert.Equal("Events", unknown.Field);
    }

    [Fact]
    public async Task The_secret_is_given_once_at_creation_and_once_per_rotation_and_never_listed_or_audited()
    {
        var shown = await Webhooks.CreateAsync(TestData.Administrator, Input());
        var row = Assert.Single(await Webhooks.ListAsync(TestData.Administrator));
        var rotated = await Webhooks.RotateSecretAsync(TestData.Administrator, shown.EndpointId, row.RowVersion);

        Assert.StartsWith(WebhookSecret.Prefix, shown.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(shown.Secret[WebhookSecret.Prefix.Length..]).Length);
        Assert.NotEqual(shown.Secret, rotated.Secret);
        Assert.DoesNotContain(typeof(WebhookEndpointRow).GetProperties(), p => p.Name.Contains("Secret", StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "WebhookEndpoint").ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.DoesNotContain("whsec_", a.Summary + a.Before + a.After, StringComparison.Ordinal));
        Assert.Equal(rotated.Secret, (await db.WebhookEndpoints.SingleAsync()).Secret);
    }

    [Fact]
    public async Task Each_webhook_change_leaves_one_audit_entry_of_its_kind()
    {
        async Task<AuditEntry> OnlyNewEntryAsync(Func<Task> change)
        {
            await using var before = Database.CreateContext();
            var last = await before.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
            await change();
            await using var after = Database.CreateContext();
            return Assert.Single(await after.AuditEntries.Where(a => a.Id > last).ToListAsync());
        }

        async Task<int> VersionAsync() => (await Webhooks.ListAsync(TestData.Administrator)).Single().RowVersion;
        var id = 0;
        var created = await OnlyNewEntryAsync(async () => id = (await Webhooks.CreateAsync(TestData.Administrator, Input())).EndpointId);
        var edited = await OnlyNewEntryAsync(async () => await Webhooks.UpdateAsync(TestData.Administrator, id, Input("https://crm.example.com/v2"), await VersionAsync()));
        var disabled = await OnlyNewEntryAsync(async () => await Webhooks.UpdateAsync(TestData.Administrator, id, Input("https://crm.example.com/v2", enabled: false), await VersionAsync()));
        var rotated = await OnlyNewEntryAsync(async () => await Webhooks.RotateSecretAsync(TestData.Administrator, id, await VersionAsync()));
        var tested = await OnlyNewEntryAsync(() => Webhooks.SendTestAsync(TestData.Administrator, id));
        var deleted = await OnlyNewEntryAsync(async () => await Webhooks.DeleteAsync(TestData.Administrator, id, await VersionAsync()));

        Assert.Equal([AuditAction.Created, AuditAction.Edited, AuditAction.Edited, AuditAction.SecretRotated, AuditAction.WebhookTested, AuditAction.Deleted],
            new[] { created, edited, disabled, rotated, tested, deleted }.Select(e => e.Action));
        Assert.Contains("Disabled the webhook endpoint", disabled.Summary, StringComparison.Ordinal);
        Assert.Contains("\"IsEnabled\":false", disabled.After, StringComparison.Ordinal);
        Assert.All(new[] { edited, disabled, rotated }, e => Assert.NotNull(e.Before));
        Assert.All(new[] { created, edited, disabled, rotated, tested, deleted }, e => Assert.Equal(TestData.AdministratorId, e.UserId));
        Assert.Empty(await Webhooks.ListAsync(TestData.Administrator));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_as_a_conflict()
    {
        var id = (await Webhooks.CreateAsync(TestData.Administrator, Input())).EndpointId;
        var stale = (await Webhooks.ListAsync(TestData.Administrator)).Single().RowVersion;
        await Webhooks.UpdateAsync(TestData.Administrator, id, Input("https://a.example.com"), stale);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Webhooks.UpdateAsync(TestData.Administrator, id, Input("https://b.example.com"), stale));
        Assert.Equal("https://a.example.com/", (await Webhooks.ListAsync(TestData.Administrator)).Single().Url);
    }

    [Theory]
    [InlineData(TestData.ManagerId)]
    [InlineData(TestData.ExecutiveId)]
    public async Task Only_an_administrator_manages_webhooks(string userId)
    {
        var actor = TestData.CastMember(userId);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Webhooks.ListAsync(actor));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Webhooks.CreateAsync(actor, Input()));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Webhooks.ListDeliveriesAsync(actor, 1, 0, 25));
    }
}
