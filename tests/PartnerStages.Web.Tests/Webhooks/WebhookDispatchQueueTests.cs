using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerStages.Data;
using PartnerStages.Data.Webhooks;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Webhooks;

// The claims that keep instances on one database from sending a delivery twice, and the retry schedule.
public sealed class WebhookDispatchQueueTests : ServiceTestBase
{
    private int _endpointId;

    public override async Task ArrangeAsync()
    {
        _endpointId = (await Get<WebhookService>().CreateAsync(TestData.Administrator,
            new WebhookEndpointInput { Url = "https://crm.example.com/hooks", Events = [WebhookEvents.StageChanged] })).EndpointId;
        await Get<WebhookService>().SendTestAsync(TestData.Administrator, _endpointId);
    }

    private WebhookDispatchQueue Queue(TimeProvider? clock = null, string retries = "00:00:00") => new(
        Get<IDbContextFactory<PartnerStagesDbContext>>(),
        Options.Create(new WebhookOptions { RetrySchedule = retries, DisableAfterFailures = 100 }),
        clock ?? Get<TimeProvider>());

    private async Task<WebhookDelivery> DeliveryAsync()
    {
        await using var db = Database.CreateContext();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task Only_one_of_two_instances_claims_a_due_delivery()
    {
        var id = Assert.Single(await Queue().DueAsync(10));

        var first = await Queue().ClaimAsync(id, "instance-a");
        var second = await Queue().ClaimAsync(id, "instance-b");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Empty(await Queue().DueAsync(10));
        Assert.Equal("instance-a", (await DeliveryAsync()).LeaseOwner);
    }

    [Fact]
    public async Task A_lease_left_by_a_stopped_instance_expires_and_its_late_outcome_no_longer_counts()
    {
        var id = Assert.Single(await Queue().DueAsync(10));
        var stale = (await Queue().ClaimAsync(id, "instance-a"))!;

        // Past the minute's lease another instance takes the delivery over.
        var later = new FixedClock(TestData.Today.AddDays(1));
        var taken = await Queue(later).ClaimAsync(id, "instance-b");
        await Queue().RecordFailureAsync(stale, "instance-a", 500, "HTTP 500");
        await Queue(later).RecordSuccessAsync(taken!, "instance-b", 204);

        var delivery = await DeliveryAsync();
        Assert.NotNull(taken);
        Assert.Equal((DeliveryStatus.Delivered, 1, 204, null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
    }

    [Fact]
    public async Task A_delivery_is_given_up_after_the_last_retry_of_the_schedule_fails()
    {
        var queue = Queue(retries: "00:00:00");
        var id = Assert.Single(await queue.DueAsync(10));

        await queue.RecordFailureAsync((await queue.ClaimAsync(id, "a"))!, "a", null, "Connection refused");
        var retrying = await DeliveryAsync();
        await queue.RecordFailureAsync((await queue.ClaimAsync(id, "a"))!, "a", 502, "HTTP 502 Bad Gateway");
        var givenUp = await DeliveryAsync();

        Assert.Equal((DeliveryStatus.Pending, 1, "Connection refused"), (retrying.Status, retrying.Attempts, retrying.LastError));
        Assert.NotNull(retrying.NextAttemptAtUtc);
        Assert.Equal((DeliveryStatus.Failed, 2, 502), (givenUp.Status, givenUp.Attempts, givenUp.LastStatusCode!.Value));
        Assert.Null(givenUp.NextAttemptAtUtc);
        Assert.Empty(await queue.DueAsync(10));
    }

    [Fact]
    public async Task Fanning_out_twice_makes_one_delivery_per_subscribed_enabled_endpoint()
    {
        var webhooks = Get<WebhookService>();
        await webhooks.CreateAsync(TestData.Administrator, new WebhookEndpointInput { Url = "https://other.example.com", Events = [WebhookEvents.RuleSetPublished] });
        await webhooks.CreateAsync(TestData.Administrator, new WebhookEndpointInput { Url = "https://off.example.com", IsEnabled = false });
        await using (var db = Database.CreateContext())
        {
            db.WebhookOutbox.Add(WebhookEvents.RuleSetPublishedMessage(2, reevaluated: false, 0, 0, DateTime.UtcNow));
            // Only the disabled endpoint would want this one.
            db.WebhookOutbox.Add(WebhookEvents.CheckInOverdueMessage(1, "Contoso", null, TestData.Today.AddDays(-100), TestData.Today, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await Queue().FanOutAsync());
        Assert.Equal(0, await Queue().FanOutAsync());
        await using var check = Database.CreateContext();
        Assert.Equal(0, await check.WebhookOutbox.CountAsync(m => m.FannedOutAtUtc == null));
        Assert.Equal(2, await check.WebhookDeliveries.CountAsync());
        var endpoints = await check.WebhookDeliveries.Join(check.WebhookOutbox, d => d.OutboxMessageId, m => m.Id, (d, m) => new { d.EndpointId, m.Type })
            .Where(d => d.Type == WebhookEvents.RuleSetPublished).ToListAsync();
        Assert.Equal(_endpointId + 1, Assert.Single(endpoints).EndpointId);
    }
}
