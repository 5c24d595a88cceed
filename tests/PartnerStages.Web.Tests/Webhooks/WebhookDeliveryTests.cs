using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PartnerStages.Web.Tests.Webhooks;

// The whole app, with its dispatcher, against a real receiver on loopback. Short pauses between
// retries keep the tests short; the tests wait on what arrived or on the database, never on time.
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanUp = [];

    private static Action<IServiceCollection> Fast(bool dispatcher = true, int disableAfter = 10) => services =>
        services.Configure<WebhookOptions>(options =>
        {
            options.DispatcherEnabled = dispatcher;
            options.PollInterval = TimeSpan.FromMilliseconds(100);
            options.RetrySchedule = "00:00:00.1,00:00:00.1,00:00:00.1,00:00:00.1,00:00:00.1,00:00:00.1";
            options.DisableAfterFailures = disableAfter;
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Hosts started later on the same database go first (the first one owns it).
        for (var i = _cleanUp.Count - 1; i >= 0; i--)
        {
            await _cleanUp[i].DisposeAsync();
        }
    }

    private async Task<WebhookReceiver> ReceiverAsync(Func<int, int>? status = null)
    {
        var receiver = await WebhookReceiver.StartAsync(status);
        _cleanUp.Add(receiver);
        return receiver;
    }

    private async Task<PartnerStagesFactory> HostAsync(Action<IServiceCollection> services, PartnerStagesFactory? sameDatabaseAs = null)
    {
        var factory = new PartnerStagesFactory(services, sameDatabaseAs);
        _cleanUp.Add(factory);
        if (sameDatabaseAs is null)
        {
            await factory.CreateUserAsync(TestData.Administrator);
            await factory.CreateUserAsync(TestData.Manager);
        }
        else
        {
            _ = factory.Services;
        }

        return factory;
    }

    private static T Get<T>(PartnerStagesFactory host) where T : notnull => host.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static Task<WebhookSecretShown> RegisterAsync(PartnerStagesFactory host, string url, bool enabled = true, params string[] events) =>
        Get<WebhookService>(host).CreateAsync(TestData.Administrator, new WebhookEndpointInput
        {
            Url = url,
            Events = events.Length == 0 ? [WebhookEvents.StageChanged] : [.. events],
            IsEnabled = enabled,
        });

    // A new partner's first check-in: one partner.stage_changed.
    private static async Task<int> CheckInNewPartnerAsync(PartnerStagesFactory host, string name)
    {
        var partners = Get<PartnerService>(host);
        var id = await partners.CreateAsync(TestData.Manager, TestData.Partner(name: name));
        await Get<AssessmentService>(host).RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today, null, (await partners.GetAsync(id))!.RowVersion);
        return id;
    }

    private static async Task<T> WhenAsync<T>(PartnerStagesFactory host, Func<PartnerStagesDbContext, Task<T>> read, Func<T, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
            {
                var value = await read(db);
                if (until(value) || DateTime.UtcNow > deadline)
                {
                    return value;
                }
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_receiver_gets_the_event_signed_with_the_secret_under_the_standard_webhooks_headers()
    {
        var receiver = await ReceiverAsync();
        var host = await HostAsync(Fast());
        var shown = await RegisterAsync(host, receiver.Url());
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var partnerId = await CheckInNewPartnerAsync(host, "Litware");

        var hook = await receiver.NextAsync();
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // The reference implementation of the specification accepts it with our secret, and refuses another.
        new StandardWebhook(shown.Secret).Verify(hook.Body, hook.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret.Create()).Verify(hook.Body, hook.Headers));
        Assert.StartsWith("msg_", hook.Id, StringComparison.Ordinal);
        var timestamp = long.Parse(hook.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before - 1, after + 1);
        Assert.Equal(WebhookSecret.Sign(shown.Secret, hook.Id, timestamp, hook.Body), hook.Headers["webhook-signature"].ToString());
        Assert.StartsWith("application/json", hook.ContentType, StringComparison.Ordinal);
        Assert.Equal(WebhookEvents.StageChanged, hook.Type);
        Assert.Equal(partnerId, hook.Data.GetProperty("partnerId").GetInt32());
        Assert.Equal("Litware", hook.Data.GetProperty("partnerName").GetString());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_the_event_exactly_once_more()
    {
        var receiver = await ReceiverAsync(n => n <= 2 ? 500 : 200);
        var host = await HostAsync(Fast());
        var endpointId = (await RegisterAsync(host, receiver.Url())).EndpointId;

        await CheckInNewPartnerAsync(host, "Tailspin");
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        var third = await receiver.NextAsync();
        var delivery = await WhenAsync(host, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(), d => d.Status == DeliveryStatus.Delivered);
        // Anything sent again would come before the next event, which is due later.
        await Get<WebhookService>(host).SendTestAsync(TestData.Administrator, endpointId);
        await receiver.NextOfTypeAsync(WebhookEvents.Test);

        Assert.Equal([first.Id, first.Id], new[] { second.Id, third.Id });
        Assert.Equal(3, receiver.Received.Count(r => r.Id == first.Id));
        Assert.Equal(first.Body, third.Body);
        Assert.Equal((DeliveryStatus.Delivered, 3, 200), (delivery.Status, delivery.Attempts, delivery.LastStatusCode!.Value));
        var log = await Get<WebhookService>(host).ListDeliveriesAsync(TestData.Administrator, endpointId, 0, 25);
        Assert.Equal(2, log.Total);
        Assert.Null(log.Rows.Single(r => r.EventType == WebhookEvents.StageChanged).LastError);
    }

    [Fact]
    public async Task An_event_written_while_no_dispatcher_runs_is_delivered_by_the_next_host_on_the_database()
    {
        var receiver = await ReceiverAsync();
        var stopped = await HostAsync(Fast(dispatcher: false));
        await RegisterAsync(stopped, receiver.Url());
        await CheckInNewPartnerAsync(stopped, "Proseware");
        string messageId;
        await using (var db = await stopped.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            var waiting = await db.WebhookOutbox.AsNoTracking().SingleAsync();
            Assert.Null(waiting.FannedOutAtUtc);
            messageId = waiting.MessageId;
        }

        await HostAsync(Fast(), sameDatabaseAs: stopped);

        var hook = await receiver.NextAsync();
        Assert.Equal(messageId, hook.Id);
        Assert.Equal("Proseware", hook.Data.GetProperty("partnerName").GetString());
    }

    [Fact]
    public async Task Two_instances_dispatching_from_one_database_send_each_event_once()
    {
        var receiver = await ReceiverAsync();
        var first = await HostAsync(Fast());
        await HostAsync(Fast(), sameDatabaseAs: first);
        var endpointId = (await RegisterAsync(first, receiver.Url())).EndpointId;

        for (var i = 0; i < 8; i++)
        {
            await CheckInNewPartnerAsync(first, $"Partner {i}");
        }

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await receiver.NextAsync()).Id);
        }

        // A second send of any of them would come before this later event.
        await Get<WebhookService>(first).SendTestAsync(TestData.Administrator, endpointId);
        await receiver.NextOfTypeAsync(WebhookEvents.Test);
        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(9, receiver.Received.Count);
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_check_in_rolled_back_inside_its_transaction()
    {
        var receiver = await ReceiverAsync();
        var host = await HostAsync(Fast());
        await RegisterAsync(host, receiver.Url());
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            // The check-in's last save (stage change, its event, the audit entry) fails on the audit entry.
            await TestDatabase.RefuseInsertsAsync(db, "AuditEntries", "audit refused", rowsFirst: await db.AuditEntries.CountAsync() + 1);
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => CheckInNewPartnerAsync(host, "Rolled Back"));
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            await TestDatabase.AllowInsertsAsync(db, "AuditEntries");
        }

        await CheckInNewPartnerAsync(host, "Committed");

        var hook = await receiver.NextAsync();
        Assert.Equal("Committed", hook.Data.GetProperty("partnerName").GetString());
        Assert.DoesNotContain(receiver.Received, r => r.Body.Contains("Rolled Back", StringComparison.Ordinal));
        Assert.Single(await WhenAsync(host, db => db.WebhookOutbox.AsNoTracking().ToListAsync(), _ => true));
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_nothing()
    {
        var receiver = await ReceiverAsync();
        var host = await HostAsync(Fast());
        await RegisterAsync(host, receiver.Url("off"), enabled: false);
        await RegisterAsync(host, receiver.Url("on"));

        await CheckInNewPartnerAsync(host, "Wingtip");
        var hook = await receiver.NextAsync();

        Assert.Equal("/hooks/on", hook.Path);
        Assert.DoesNotContain(receiver.Received, r => r.Path == "/hooks/off");
        Assert.Single(await WhenAsync(host, db => db.WebhookDeliveries.AsNoTracking().ToListAsync(), _ => true));
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_with_an_audit_entry_and_sent_nothing_more()
    {
        var receiver = await ReceiverAsync(_ => 503);
        var host = await HostAsync(Fast(disableAfter: 3));
        var endpointId = (await RegisterAsync(host, receiver.Url())).EndpointId;

        await CheckInNewPartnerAsync(host, "Adventure Works");

        var endpoint = await WhenAsync(host, db => db.WebhookEndpoints.AsNoTracking().SingleAsync(), e => !e.IsEnabled);
        var audit = await WhenAsync(host, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.WebhookDisabled).ToListAsync(), _ => true);
        var delivery = await WhenAsync(host, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(), _ => true);
        Assert.False(endpoint.IsEnabled);
        Assert.Contains("3 failed attempts", endpoint.DisabledReason, StringComparison.Ordinal);
        var entry = Assert.Single(audit);
        Assert.Equal((WebhookDispatchQueue.Dispatcher.UserId, "WebhookEndpoint", endpointId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (entry.UserId!, entry.EntityType, entry.EntityId!));
        Assert.Equal((DeliveryStatus.Pending, 3, 503), (delivery.Status, delivery.Attempts, delivery.LastStatusCode!.Value));
        Assert.Equal(3, receiver.Received.Count);
        var row = Assert.Single(await Get<WebhookService>(host).ListAsync(TestData.Administrator));
        Assert.Equal(DeliveryStatus.Pending, row.LastDelivery!.Status);
        Assert.Contains("503", row.LastDelivery.Error, StringComparison.Ordinal);
    }
}
