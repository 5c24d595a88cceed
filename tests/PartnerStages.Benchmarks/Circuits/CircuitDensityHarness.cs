using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Playwright;
using PartnerStages.Benchmarks.Alternating;

namespace PartnerStages.Benchmarks.Circuits;

// `--circuits [--partners N] [--counts 20,50,100] [--pages bare,overview,...]`: how much server memory
// each open tab holds. For each page, a fresh app process (the published Release build) on a fresh copy
// of the benchmark sample; one Chromium context signed in as an administrator opens tabs on the page
// until 20, 50 and 100 are open. At each count, once every circuit is connected and every page has filled
// in, a full blocking GC is induced in the app (over its diagnostics port, as dotnet-gcdump does) and the
// app's resident set (VmRSS) and GC heap after that collection are read. The slope of each over the
// counts is the memory a circuit holds; the circuit check page (the app's smallest interactive page) is
// the bare baseline of the same run. Run by hand in Release, from the repository root, never by the tests.
public static class CircuitDensityHarness
{
    private static readonly PageKind[] Kinds =
    [
        new("bare", "admin/diagnostics/circuit"),
        new("overview", ""),
        new("partners", "partners"),
        new("partner", "partners/{partner}"),
        new("dashboard", "dashboard"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var partners = Option(args, "--partners", "10000", int.Parse);
        var seed = Option(args, "--seed", "2027", int.Parse);
        var counts = Option(args, "--counts", "20,50,100", s => s.Split(',').Select(int.Parse).ToArray());
        var names = Option(args, "--pages", string.Join(',', Kinds.Select(k => k.Name)), s => s.Split(','));
        var kinds = names.Select(n => Kinds.FirstOrDefault(k => k.Name == n)
            ?? throw new ArgumentException($"Unknown page {n}; name some of {string.Join(", ", Kinds.Select(k => k.Name))}.")).ToList();
        if (kinds[0].Name != "bare")
        {
            kinds.Insert(0, Kinds[0]);
        }

        var app = await PublishedApp.PublishAsync(Option(args, "--app", "", s => s));
        var sample = await PublishedApp.PrepareSampleAsync(partners, seed);
        Console.WriteLine(Invariant($"// circuits: {partners:N0}-partner sample (seed {seed}), counts {string.Join('/', counts)}, {Environment.ProcessorCount} cores, load average {AlternatingHarness.LoadAverage()}"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(PublishedApp.BrowserOptions());
        var slopes = new Dictionary<string, (double Rss, double Heap)>();
        foreach (var kind in kinds)
        {
            var readings = await MeasureAsync(browser, app, sample, kind, counts);
            var rss = Slope(readings.Select(r => (r.Circuits, r.RssMegabytes)).ToList());
            var heap = Slope(readings.Select(r => (r.Circuits, r.HeapMegabytes)).ToList());
            slopes[kind.Name] = (rss, heap);
            Console.WriteLine(Invariant($"{kind.Name,-10} per circuit: RSS {rss:F3} MB, GC heap {heap:F3} MB"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"// memory per circuit, slope over {string.Join('/', counts)} circuits; ratio to the bare page of this run (load average {AlternatingHarness.LoadAverage()})"));
        var bare = slopes["bare"];
        foreach (var (name, slope) in slopes)
        {
            Console.WriteLine(Invariant($"{name,-10} RSS {slope.Rss,7:F3} MB ({slope.Rss / bare.Rss,5:F2}x)   GC heap {slope.Heap,7:F3} MB ({slope.Heap / bare.Heap,5:F2}x)"));
        }

        return 0;
    }

    private static async Task<List<Reading>> MeasureAsync(IBrowser browser, string app, HarnessSample sample, PageKind kind, int[] counts)
    {
        await using var instance = await PublishedApp.StartAsync(app, sample);
        await using var context = await instance.SignedInContextAsync(browser);
        var path = kind.Path.Replace("{partner}", sample.PartnerId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var readings = new List<Reading>();
        var open = 0;
        foreach (var count in counts)
        {
            for (; open < count; open++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await PublishedApp.WaitUntilFilledAsync(page);
            }

            await WaitForCircuitsAsync(context, count);
            var reading = await ReadMemoryAsync(context, instance.Process.Id, count);
            readings.Add(reading);
            Console.WriteLine(Invariant($"{kind.Name,-10} {count,4} circuits: RSS {reading.RssMegabytes,8:F1} MB, GC heap {reading.HeapMegabytes,8:F1} MB | load {AlternatingHarness.LoadAverage()}"));
        }

        await context.CloseAsync();
        return readings;
    }

    private static async Task WaitForCircuitsAsync(IBrowserContext context, int count)
    {
        var clock = Stopwatch.StartNew();
        while (Metric(await ScrapeAsync(context), "partnerstages_circuits_connected") < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException(Invariant($"{count} tabs are open but fewer circuits are connected after two minutes."));
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Reading> ReadMemoryAsync(IBrowserContext context, int pid, int circuits)
    {
        // Let the last renders and their buffers settle, then collect everything that is garbage.
        await Task.Delay(2000);
        await InduceFullGcAsync(pid);
        await Task.Delay(1000);
        var metrics = await ScrapeAsync(context);
        var heap = Metric(metrics, "dotnet_gc_last_collection_heap_size_bytes");
        var rssKilobytes = File.ReadLines(Invariant($"/proc/{pid}/status"))
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .Single();
        return new Reading(circuits, rssKilobytes / 1024, heap / (1024 * 1024));
    }

    // Enabling the runtime provider's GCHeapCollect keyword makes the runtime run a blocking gen-2
    // collection (what dotnet-gcdump relies on); the events themselves are thrown away.
    private static async Task InduceFullGcAsync(int pid)
    {
        const long gc = 0x1, gcHeapCollect = 0x800000;
        var client = new DiagnosticsClient(pid);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, gc | gcHeapCollect), requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        await Task.Delay(1500);
        await session.StopAsync(CancellationToken.None);
        await drain;
    }

    private static async Task<string> ScrapeAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync("metrics");
        return response.Ok ? await response.TextAsync() : throw new InvalidOperationException(Invariant($"/metrics answered {response.Status}."));
    }

    // The sum of every series of one Prometheus metric (the GC heap comes per generation).
    private static double Metric(string scrape, string name) => scrape.Split('\n')
        .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
        .Sum(l => double.Parse(l[(l.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    private static double Slope(List<(int X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        return points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
    }

    private static T Option<T>(string[] args, string name, string fallback, Func<string, T> parse)
    {
        var at = Array.IndexOf(args, name);
        return parse(at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record PageKind(string Name, string Path);

    private readonly record struct Reading(int Circuits, double RssMegabytes, double HeapMegabytes);
}
