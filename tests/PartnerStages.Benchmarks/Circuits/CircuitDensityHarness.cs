using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

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
    private const string Email = "circuits@example.com";
    private const string Password = "circuit harness password";

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

        var app = Option(args, "--app", "", s => s);
        if (app.Length == 0)
        {
            app = await PublishAsync();
        }

        var sample = await PrepareSampleAsync(partners, seed);
        Console.WriteLine(Invariant($"// circuits: {partners:N0}-partner sample (seed {seed}), counts {string.Join('/', counts)}, {Environment.ProcessorCount} cores, load average {AlternatingHarness.LoadAverage()}"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserOptions());
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

    private static async Task<List<Reading>> MeasureAsync(IBrowser browser, string app, Sample sample, PageKind kind, int[] counts)
    {
        var folder = Path.Combine(Path.GetTempPath(), "partnerstages-circuits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(sample.Path, Path.Combine(folder, "partnerstages.db"));
        var port = FreePort();
        var baseUrl = Invariant($"http://127.0.0.1:{port}/");
        using var child = StartApp(app, folder, port);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        try
        {
            await WaitForHealthAsync(context, child);
            var signIn = await context.NewPageAsync();
            await signIn.GotoAsync("Account/Login");
            await signIn.GetByLabel("Email").FillAsync(Email);
            await signIn.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(Password);
            await signIn.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
            await signIn.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await signIn.CloseAsync();

            var path = kind.Path.Replace("{partner}", sample.PartnerId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var readings = new List<Reading>();
            var open = 0;
            foreach (var count in counts)
            {
                for (; open < count; open++)
                {
                    var page = await context.NewPageAsync();
                    await page.GotoAsync(path);
                    await WaitUntilFilledAsync(page);
                }

                await WaitForCircuitsAsync(context, count);
                var reading = await ReadMemoryAsync(context, child.Id, count);
                readings.Add(reading);
                Console.WriteLine(Invariant($"{kind.Name,-10} {count,4} circuits: RSS {reading.RssMegabytes,8:F1} MB, GC heap {reading.HeapMegabytes,8:F1} MB | load {AlternatingHarness.LoadAverage()}"));
            }

            return readings;
        }
        finally
        {
            await context.CloseAsync();
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Interactive and filled in: the circuit answers (Blazor has attached) and no panel still shows its
    // skeleton or a progress bar.
    private static async Task WaitUntilFilledAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => document.querySelector('script[src*=\"blazor.web\"]') && window.Blazor && " +
            "document.querySelectorAll('.mud-skeleton, .mud-progress-linear').length === 0",
            null, new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 100 });

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

    private static Process StartApp(string app, string folder, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(app, "PartnerStages.Web.dll"), "--urls", Invariant($"http://127.0.0.1:{port}"),
            "--PartnerStages:DataFolder=" + folder,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var log = new StreamWriter(Path.Combine(folder, "app.log")) { AutoFlush = true };
        child.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        child.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        child.Exited += (_, _) => log.Dispose();
        return child;
    }

    private static async Task WaitForHealthAsync(IBrowserContext context, Process child)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException(Invariant($"The app exited with code {child.ExitCode} before it answered; see app.log in its data folder."));
            }

            try
            {
                if ((await context.APIRequest.GetAsync("health")).Ok)
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not answer /health within two minutes.");
    }

    // The Release build as it is deployed: published into the temp folder, started from there.
    private static async Task<string> PublishAsync()
    {
        var project = Path.Combine("src", "PartnerStages.Web", "PartnerStages.Web.csproj");
        if (!File.Exists(project))
        {
            throw new InvalidOperationException("Run from the repository root, or pass --app with a published PartnerStages.Web folder.");
        }

        var output = Path.Combine(Path.GetTempPath(), "partnerstages-circuits-app");
        Console.WriteLine($"// publishing {project} to {output}");
        using var publish = Process.Start("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"]);
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed.");
    }

    // The benchmark sample with an administrator the harness can sign in as, and the partner with the
    // most check-ins (for the partner page).
    private static async Task<Sample> PrepareSampleAsync(int partners, int seed)
    {
        await (await BenchmarkDatabase.OpenAsync(partners, seed)).DisposeAsync();
        var source = Path.Combine(Path.GetTempPath(), $"partnerstages-bench-{partners}-{seed}.db");
        var copy = Path.Combine(Path.GetTempPath(), $"partnerstages-circuits-{partners}-{seed}.db");
        File.Copy(source, copy, overwrite: true);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString();
        await using var services = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connectionString).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        var admin = new ApplicationUser
        {
            Id = "circuits-admin", UserName = Email, NormalizedUserName = Email.ToUpperInvariant(), Email = Email,
            NormalizedEmail = Email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = "Circuit harness",
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        admin.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(admin, Password);
        db.Users.Add(admin);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = admin.Id, RoleId = Roles.Administrator.ToLowerInvariant() });
        await db.SaveChangesAsync();
        var partnerId = await db.Assessments.GroupBy(a => a.PartnerId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstAsync();
        return new Sample(copy, partnerId);
    }

    private static BrowserTypeLaunchOptions BrowserOptions()
    {
        const string systemChromium = "/usr/bin/chromium";
        return File.Exists(systemChromium)
            ? new BrowserTypeLaunchOptions
            {
                Headless = true, ExecutablePath = systemChromium,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
            }
            : new BrowserTypeLaunchOptions { Headless = true };
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static T Option<T>(string[] args, string name, string fallback, Func<string, T> parse)
    {
        var at = Array.IndexOf(args, name);
        return parse(at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record PageKind(string Name, string Path);

    private sealed record Sample(string Path, int PartnerId);

    private readonly record struct Reading(int Circuits, double RssMegabytes, double HeapMegabytes);
}
