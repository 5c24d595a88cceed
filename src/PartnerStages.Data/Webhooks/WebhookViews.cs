namespace PartnerStages.Data.Webhooks;

public sealed class WebhookEndpointInput
{
    public string Url { get; set; } = "";
    public string? Description { get; set; }
    public HashSet<string> Events { get; set; } = [.. WebhookEvents.All];
    public bool IsEnabled { get; set; } = true;
}

public sealed record WebhookEndpointRow(int Id, string Url, string? Description, IReadOnlyList<string> Events, bool IsEnabled,
    string? DisabledReason, DateTime CreatedAtUtc, int RowVersion, LastDelivery? LastDelivery, int Waiting);

public sealed record LastDelivery(DateTime AtUtc, DeliveryStatus Status, int? StatusCode, string? Error);

// The secret is in here once: the answer to a create or a rotation.
public sealed record WebhookSecretShown(int EndpointId, string Secret);

public sealed record DeliveryRow(long Id, string EventType, string MessageId, DeliveryStatus Status, int? StatusCode, int Attempts,
    string? LastError, DateTime? NextAttemptAtUtc, DateTime? DeliveredAtUtc, DateTime CreatedAtUtc);

public sealed record DeliveryPage(IReadOnlyList<DeliveryRow> Rows, int Total);
