using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerStages.Data.Webhooks;

namespace PartnerStages.Web.Webhooks;

// Polls the outbox: notes overdue partners, fans new messages out to their endpoints, then sends what
// is due, each delivery claimed first (WebhookDispatchQueue) so instances on one database never both
// send it. Signed per the Standard Webhooks specification; redirects are not followed, so a request
// only ever goes to the URL an administrator registered.
public sealed class WebhookDispatcher(WebhookDispatchQueue queue, IHttpClientFactory httpClients, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    // This instance, in the leases it takes (the column holds 100 characters).
    private readonly string _owner = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private long? _lastOverdueScan;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            logger.LogInformation("The webhook dispatcher is off on this instance (PartnerStages:Webhooks:DispatcherEnabled); events wait in the outbox.");
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A database hiccup must not stop the dispatcher: the next tick tries again.
                logger.LogError(error, "The webhook dispatcher's round failed; it tries again in {Interval}.", settings.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (_lastOverdueScan is not { } last || clock.GetElapsedTime(last) >= settings.OverdueScanInterval)
        {
            _lastOverdueScan = clock.GetTimestamp();
            while (await queue.NoteOverdueAsync(cancellationToken) > 0)
            {
            }

            await queue.PruneAsync(cancellationToken);
        }

        while (await queue.FanOutAsync(cancellationToken) > 0)
        {
        }

        // A full batch means more are due: on at once rather than a poll interval later (a backlog of 300
        // went out at 24 a second when each batch waited for the next tick).
        IReadOnlyList<long> due;
        do
        {
            due = await queue.DueAsync(Batch, cancellationToken);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.ParallelSends), CancellationToken = cancellationToken },
                async (id, token) => await SendAsync(id, token));
        }
        while (due.Count == Batch);
    }

    private const int Batch = 50;

    private async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        if (await queue.ClaimAsync(id, _owner, cancellationToken) is not { } delivery)
        {
            return;
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecret.Sign(delivery.Secret, delivery.MessageId, timestamp, delivery.Body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PartnerStages-Webhooks", "1.0"));

        int? status = null;
        string error;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await queue.RecordSuccessAsync(delivery, _owner, status.Value, CancellationToken.None);
                return;
            }

            error = (int)response.StatusCode is >= 300 and < 400
                ? $"HTTP {status} (a redirect, which is not followed: register the final URL)"
                : $"HTTP {status} {response.ReasonPhrase}";
        }
        catch (HttpRequestException failed)
        {
            error = failed.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.RequestTimeout.TotalSeconds:0} s.";
        }

        // Recorded even while stopping, so the attempt counts and the lease is let go.
        if (await queue.RecordFailureAsync(delivery, _owner, status, error, CancellationToken.None))
        {
            logger.LogWarning("Disabled the webhook endpoint {Url} after repeated failures; the last: {Error}", delivery.Url, error);
        }
    }
}
