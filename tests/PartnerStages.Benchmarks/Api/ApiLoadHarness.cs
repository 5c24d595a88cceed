using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Benchmarks.Circuits;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Benchmarks.Api;

// `--api-load [--partners 1000] [--concurrency 8] [--seconds 5] [--rounds 5]`: throughput and latency of
// GET /api/v1/partners?limit=100 and of recording a check-in through the API, against the bare
// minimal-API endpoint /health/live of the same process, alternating side by side in each round (the
// ratio within a round is what a shared machine can say). The published Release app on a copy of the
// sample, a read-write token for the harness's administrator, the rate limit raised out of the way.
// Each worker records its check-ins on a partner of its own, following the ETag each answer carries.
public static class ApiLoadHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var partners = Option(args, "--partners", 1000);
        var concurrency = Option(args, "--concurrency", 8);
        var seconds = Option(args, "--seconds", 5);
        var rounds = Option(args, "--rounds", 5);
        var app = await PublishedApp.PublishAsync(null);
        var sample = await PublishedApp.PrepareSampleAsync(partners, 2027);
        var token = await CreateTokenAsync(sample.Path);
        await using var instance = await PublishedApp.StartAsync(app, sample, "--PartnerStages:Api:RequestsPerMinute=100000000");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(instance.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var targets = await CheckInTargetsAsync(http, concurrency);
        Console.WriteLine(Invariant($"// api-load: {partners:N0}-partner sample, concurrency {concurrency}, {seconds} s per side, {rounds} round(s) after one warm-up, {Environment.ProcessorCount} cores, load average {AlternatingHarness.LoadAverage()}"));

        var sides = new (string Name, Func<int, Task<bool>> Call)[]
        {
            ("bare /health/live", async _ => (await http.GetAsync("health/live")).IsSuccessStatusCode),
            ("GET partners?limit=100", async _ => (await http.GetAsync("api/v1/partners?limit=100")).IsSuccessStatusCode),
            ("POST check-in", worker => RecordAsync(http, targets[worker])),
        };
        var results = sides.Select(_ => new List<SideResult>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            var line = new List<string>();
            for (var s = 0; s < sides.Length; s++)
            {
                var result = await MeasureAsync(sides[s].Call, concurrency, TimeSpan.FromSeconds(seconds));
                if (round >= 0)
                {
                    results[s].Add(result);
                }

                line.Add(Invariant($"{sides[s].Name} {result.PerSecond:F0}/s p50 {result.P50:F1} ms p95 {result.P95:F1} ms{(result.Failures > 0 ? $" ({result.Failures} failed)" : "")}"));
            }

            Console.WriteLine((round < 0 ? "warm-up  " : Invariant($"round {round + 1,2} ")) + string.Join(" | ", line) + Invariant($" | load {AlternatingHarness.LoadAverage()}"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"// medians over {rounds} rounds; ratio = throughput against the bare endpoint in the same round"));
        for (var s = 0; s < sides.Length; s++)
        {
            var perSecond = AlternatingHarness.Median(results[s].Select(r => r.PerSecond).ToList());
            var ratio = s == 0 ? "" : Invariant($"  ratio {AlternatingHarness.Median(results[s].Zip(results[0], (c, b) => c.PerSecond / b.PerSecond).ToList()):F3}");
            Console.WriteLine(Invariant($"{sides[s].Name,-24} {perSecond,8:F0} req/s  p50 {AlternatingHarness.Median(results[s].Select(r => r.P50).ToList()),6:F1} ms  p95 {AlternatingHarness.Median(results[s].Select(r => r.P95).ToList()),6:F1} ms  failed {results[s].Sum(r => r.Failures)}{ratio}"));
        }

        return 0;
    }

    // A token made through the service, in the copy of the sample the app will start on.
    private static async Task<string> CreateTokenAsync(string database)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
        await using var services = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connectionString).BuildServiceProvider();
        var actor = new Actor(PublishedApp.AdministratorId, "harness@example.com", new HashSet<string> { Roles.Administrator });
        var created = await services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(actor,
            new TokenInput { Name = "Load harness", Access = TokenAccess.ReadWrite, ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7) });
        return created.Secret;
    }

    private sealed class Target(int id, string etag)
    {
        public int Id { get; } = id;
        public string ETag { get; set; } = etag;
    }

    // One active partner per worker, checked in last on or before today, with its current ETag.
    private static async Task<Target[]> CheckInTargetsAsync(HttpClient http, int count)
    {
        var list = JsonDocument.Parse(await http.GetStringAsync("api/v1/partners?limit=200&sort=LastAssessed")).RootElement.GetProperty("items");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ids = list.EnumerateArray()
            .Where(p => p.GetProperty("lastAssessedOn").ValueKind == JsonValueKind.Null || DateOnly.Parse(p.GetProperty("lastAssessedOn").GetString()!, CultureInfo.InvariantCulture) <= today)
            .Select(p => p.GetProperty("id").GetInt32()).Take(count).ToList();
        var targets = new List<Target>();
        foreach (var id in ids)
        {
            using var response = await http.GetAsync(Invariant($"api/v1/partners/{id}"));
            targets.Add(new Target(id, response.Headers.ETag!.Tag));
        }

        return targets.Count == count ? [.. targets] : throw new InvalidOperationException("Not enough partners to check in.");
    }

    private static readonly string CheckIn = JsonSerializer.Serialize(new
    {
        evidence = "Load harness",
        inputs = new { programmeFluency = 4, deliveryConfidence = 4, investmentConviction = 4, agility = 3, goalAlignment = 3, capabilityScore = 60, activeFieldContacts = 2 },
    });

    private static async Task<bool> RecordAsync(HttpClient http, Target target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Invariant($"api/v1/partners/{target.Id}/check-ins"))
        {
            Content = new StringContent(CheckIn, Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(target.ETag));
        using var response = await http.SendAsync(request);
        if (response.Headers.ETag is { } etag)
        {
            target.ETag = etag.Tag;
        }

        return response.StatusCode == HttpStatusCode.Created;
    }

    private sealed record SideResult(double PerSecond, double P50, double P95, int Failures);

    // `concurrency` workers call back to back for `duration`; every call's latency is kept.
    private static async Task<SideResult> MeasureAsync(Func<int, Task<bool>> call, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                if (!await call(worker))
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(clock.Elapsed.TotalMilliseconds - started);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new SideResult(all.Count / elapsed, Percentile(all, 0.50), Percentile(all, 0.95), failures);
    }

    private static double Percentile(List<double> sorted, double share) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
