namespace PartnerStages.Data.Webhooks;

// One event, written in the same transaction as the change it tells of; the dispatcher later fans it
// out to one delivery per subscribed, enabled endpoint. MessageId is the webhook-id every receiver
// sees for it, on every attempt, so receivers can deduplicate.
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        MessageId = "";
        Type = "";
        Body = "";
    }

    public OutboxMessage(string messageId, string type, string body, DateTime createdAtUtc, DateTime? fannedOutAtUtc = null)
    {
        MessageId = messageId;
        Type = type;
        Body = body;
        CreatedAtUtc = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
        FannedOutAtUtc = fannedOutAtUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;
    }

    public long Id { get; private set; }
    public string MessageId { get; private set; }
    public string Type { get; private set; }

    // The exact JSON posted: { "type", "timestamp", "data" }; signed as it is stored.
    public string Body { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? FannedOutAtUtc { get; private set; }

    // The change it was written for, while both are unsaved in one context (not stored).
    internal object? Source { get; set; }
}
