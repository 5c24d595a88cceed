namespace PartnerStages.Data.Webhooks;

// One message to one endpoint, with its attempts. A dispatcher claims it (LeaseUntilUtc, set by a
// conditional update) before sending, so instances sharing a database never both send it.
public sealed class WebhookDelivery
{
    public WebhookDelivery(int endpointId, long outboxMessageId, DateTime createdAtUtc)
    {
        EndpointId = endpointId;
        OutboxMessageId = outboxMessageId;
        CreatedAtUtc = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        NextAttemptAtUtc = CreatedAtUtc;
        Status = DeliveryStatus.Pending;
    }

    public long Id { get; private set; }
    public int EndpointId { get; private set; }
    public long OutboxMessageId { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    // Null once delivered or given up.
    public DateTime? NextAttemptAtUtc { get; private set; }
    public DateTime? LastAttemptAtUtc { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }
    public string? LeaseOwner { get; private set; }
}

public enum DeliveryStatus
{
    Pending,
    Delivered,

    // Every retry of the back-off schedule failed.
    Failed,
}
