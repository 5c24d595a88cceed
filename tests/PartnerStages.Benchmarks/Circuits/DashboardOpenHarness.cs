using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using PartnerStages.Benchmarks.Alternating;

namespace PartnerStages.Benchmarks.Circuits;

// `--dashboard-open [--small 60] [--large 100000] [--rounds 9]`: how long an executive waits for the
// dashboard on a large portfolio against a small one, in real Chromium against two published app
// instances running side by side (one per sample), measured alternately: small, large, small, large.
// Each round times two ways in: from the menu with the circuit up (click "Dashboard" on the overview
// until every panel has filled in), and a full page load of /dashboard. The first open of each instance
// (cache cold) is reported on its own; the rounds after it are what every other open costs.
public static class DashboardOpenHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var small = Option(args, "--small", 60);
        var large = Option(args, "--large", 100_000);
        var rounds = Option(args, "--rounds", 9);
        var seed = Option(args, "--seed", 2027);
        var app = await PublishedApp.PublishAsync(args.SkipWhile(a => a != "--app").Skip(1).FirstOrDefault());
        var samples = new[] { await PublishedApp.PrepareSampleAsync(small, seed), await PublishedApp.PrepareSampleAsync(large, seed) };
        Console.WriteLine(Invariant($"// dashboard-open: {small:N0} against {large:N0} partners (seed {seed}), {rounds} rounds, {Environment.ProcessorCount} cores, load average {AlternatingHarness.LoadAverage()}"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(PublishedApp.BrowserOptions());
        await using var smallApp = await PublishedApp.StartAsync(app, samples[0]);
        await using var largeApp = await PublishedApp.StartAsync(app, samples[1]);
        var sides = new[] { await SideAsync(browser, smallApp), await SideAsync(browser, largeApp) };
        var menu = sides.Select(_ => new List<double>()).ToArray();
        var load = sides.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round <= rounds; round++)
        {
            var line = new List<string>();
            for (var s = 0; s < sides.Length; s++)
            {
                var fromMenu = await FromMenuAsync(sides[s]);
                var fullLoad = await FullLoadAsync(sides[s]);
                if (round > 0)
                {
                    menu[s].Add(fromMenu);
                    load[s].Add(fullLoad);
                }

                line.Add(Invariant($"{samples[s].Partners:N0} partners: menu {fromMenu:F0} ms, load {fullLoad:F0} ms"));
            }

            Console.WriteLine((round == 0 ? "first open (cold) " : Invariant($"round {round,2}          ")) + string.Join(" | ", line) +
                Invariant($" | load {AlternatingHarness.LoadAverage()}"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"// medians over {rounds} rounds (min–max), ratio = median of the per-round ratios large / small (load average {AlternatingHarness.LoadAverage()})"));
        Report("from the menu", menu, samples);
        Report("full page load", load, samples);
        return 0;
    }

    private static async Task<IPage> SideAsync(IBrowser browser, PublishedApp instance)
    {
        var context = await instance.SignedInContextAsync(browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        await PublishedApp.WaitUntilFilledAsync(page);
        return page;
    }

    private static async Task<double> FromMenuAsync(IPage page)
    {
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Dashboard", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/dashboard", StringComparison.Ordinal));
        await WaitUntilDashboardReadyAsync(page);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Overview", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/dashboard", StringComparison.Ordinal));
        await PublishedApp.WaitUntilFilledAsync(page);
        return elapsed;
    }

    // From navigation start to every panel filled in, on a page that has to bring up its circuit first.
    private static async Task<double> FullLoadAsync(IPage page)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("dashboard");
        await WaitUntilDashboardReadyAsync(page);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await page.GotoAsync("");
        await PublishedApp.WaitUntilFilledAsync(page);
        return elapsed;
    }

    // Every panel has its figures. (No skeleton on screen is not enough: between the click and the
    // dashboard's first render the page shows none, and a first run measured 195 ms for a cold open.)
    private static async Task WaitUntilDashboardReadyAsync(IPage page) =>
        await page.WaitForSelectorAsync("[data-testid=dashboard-ready], [data-testid=dashboard-empty]",
            new PageWaitForSelectorOptions { Timeout = 300_000 });

    private static void Report(string what, List<double>[] times, HarnessSample[] samples)
    {
        var ratios = times[1].Zip(times[0], (l, s) => l / s).ToList();
        Console.WriteLine(string.Join("   ",
            Invariant($"{what,-15} {samples[0].Partners:N0}: {AlternatingHarness.Median(times[0]):F0} ms ({times[0].Min():F0}–{times[0].Max():F0})"),
            Invariant($"{samples[1].Partners:N0}: {AlternatingHarness.Median(times[1]):F0} ms ({times[1].Min():F0}–{times[1].Max():F0})"),
            Invariant($"ratio {AlternatingHarness.Median(ratios):F2}x ({ratios.Min():F2}–{ratios.Max():F2}x)")));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
