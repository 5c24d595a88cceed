using System.Diagnostics;

namespace PartnerStages.Web.Diagnostics;

public sealed record SlowRequest(string Method, string Path, int StatusCode, double Milliseconds, DateTime AtUtc);

// The slowest of the recent requests, for the diagnostics page. The path only: query strings
// carry search terms and filters that do not belong on an operator's screen.
public sealed class SlowRequests(TimeProvider clock)
{
    private const int Kept = 20;
    private readonly Lock _lock = new();
    private readonly List<SlowRequest> _slowest = [];

    public IReadOnlyList<SlowRequest> Slowest
    {
        get
        {
            lock (_lock)
            {
                return [.. _slowest];
            }
        }
    }

    public void Record(string method, string path, int statusCode, TimeSpan elapsed)
    {
        var request = new SlowRequest(method, path, statusCode, elapsed.TotalMilliseconds, clock.GetUtcNow().UtcDateTime);
        lock (_lock)
        {
            // An hour's worth: an old slow start-up should not hide today's slow page forever.
            _slowest.RemoveAll(r => r.AtUtc < request.AtUtc.AddHours(-1));
            if (_slowest.Count < Kept || request.Milliseconds > _slowest[^1].Milliseconds)
            {
                _slowest.Add(request);
                _slowest.Sort((a, b) => b.Milliseconds.CompareTo(a.Milliseconds));
                if (_slowest.Count > Kept)
                {
                    _slowest.RemoveAt(Kept);
                }
            }
        }
    }
}

public sealed class SlowRequestsMiddleware(RequestDelegate next, SlowRequests slowRequests)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The Blazor hub's connection lasts as long as the tab: not a request anyone waits for.
            if (!context.Request.Path.StartsWithSegments("/_blazor"))
            {
                slowRequests.Record(context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        }
    }
}
