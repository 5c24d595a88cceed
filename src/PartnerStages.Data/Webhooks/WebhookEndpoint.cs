using PartnerStages.Core;

namespace PartnerStages.Data.Webhooks;

// A receiver an administrator registered: where to POST, which events, and the secret both sides sign with.
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 500;

    private WebhookEndpoint()
    {
        Url = "";
        Events = "";
        Secret = "";
    }

    public WebhookEndpoint(string url, string? description, IEnumerable<string> events, bool enabled, string secret, DateTime createdAtUtc)
    {
        Url = "";
        Events = "";
        Secret = secret;
        Change(url, description, events, enabled);
        CreatedAtUtc = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public string Url { get; private set; }
    public string? Description { get; private set; }

    // The subscribed event types, comma-separated (a handful, read with the endpoint).
    public string Events { get; private set; }
    public string Secret { get; private set; }
    public bool IsEnabled { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    // Failed attempts since the last success; at the dispatcher's limit the endpoint is disabled.
    public int ConsecutiveFailures { get; private set; }
    public string? DisabledReason { get; private set; }
    public int RowVersion { get; private set; }

    public IReadOnlyList<string> EventTypes => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Subscribes(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);

    public void Change(string url, string? description, IEnumerable<string> events, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(events);
        Url = CheckedUrl(url);
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description?.Length > DescriptionMaxLength)
        {
            throw new DomainException(nameof(Description), $"Keep the description to {DescriptionMaxLength} characters.");
        }

        Description = description;
        var chosen = events.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            throw new DomainException(nameof(Events), "Choose at least one event to send.");
        }

        if (chosen.FirstOrDefault(e => !WebhookEvents.All.Contains(e, StringComparer.Ordinal)) is { } unknown)
        {
            throw new DomainException(nameof(Events), $"There is no event called {unknown}.");
        }

        Events = string.Join(',', WebhookEvents.All.Where(chosen.Contains));
        if (enabled && !IsEnabled)
        {
            // Enabled again by a person: the count starts afresh.
            ConsecutiveFailures = 0;
            DisabledReason = null;
        }

        IsEnabled = enabled;
    }

    public void RotateSecret(string secret) => Secret = secret;

    // The one rule for what may be registered: an absolute http or https address, nothing else
    // (no file:, ftp:, javascript: or relative paths), so the dispatcher only ever speaks HTTP.
    public static string CheckedUrl(string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DomainException(nameof(Url), "Enter the URL the events are posted to.");
        }

        if (text.Length > UrlMaxLength)
        {
            throw new DomainException(nameof(Url), $"Keep the URL to {UrlMaxLength} characters.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new DomainException(nameof(Url), "Enter an absolute http:// or https:// URL, such as https://crm.example.com/hooks/partnerstages.");
        }

        return uri.AbsoluteUri;
    }
}
