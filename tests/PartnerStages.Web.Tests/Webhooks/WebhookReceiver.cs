using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace PartnerStages.Web.Tests.Webhooks;

// A real receiver on loopback: a tiny Kestrel app on a free port that keeps every request it gets and
// answers with the status the test scripts (by default 200). Tests wait on what it received, never on time.
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Func<int, int> _status;

    private WebhookReceiver(Func<int, int> status)
    {
        _status = status;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/{name}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var (key, value) in context.Request.Headers)
            {
                headers[key] = new StringValues(value.ToArray());
            }

            int number;
            var received = new ReceivedWebhook(context.Request.Path, body, headers, context.Request.ContentType);
            lock (_received)
            {
                _received.Add(received);
                number = _received.Count;
            }

            _arrivals.Writer.TryWrite(received);
            return Results.StatusCode(_status(number));
        });
    }

    // status: the answer to the nth request (1-based).
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? status = null)
    {
        var receiver = new WebhookReceiver(status ?? (_ => 200));
        await receiver._app.StartAsync();
        return receiver;
    }

    public string Url(string name = "crm") => $"{_app.Urls.Single()}/hooks/{name}";

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    // The next request, or a failure after the patience runs out.
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _arrivals.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No webhook arrived at {Url()} in time; {Received.Count} arrived before.");
        }
    }

    // Requests until one of the type arrives (others come first: a check-in's stage change, say).
    public async Task<ReceivedWebhook> NextOfTypeAsync(string type, TimeSpan? patience = null)
    {
        while (true)
        {
            var next = await NextAsync(patience);
            if (next.Type == type)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Path, string Body, IHeaderDictionary Headers, string? ContentType)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public System.Text.Json.JsonElement Data => Json.GetProperty("data");

    public string Id => Headers["webhook-id"].ToString();
}
