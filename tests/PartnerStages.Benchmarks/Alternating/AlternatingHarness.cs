using System.Diagnostics;
using System.Globalization;
using PartnerStages.Benchmarks.Import;
using PartnerStages.Benchmarks.Partners;
using PartnerStages.Data;

namespace PartnerStages.Benchmarks.Alternating;

// Baseline and candidates measured in one process, alternating: baseline, candidate, baseline,
// candidate, ... each run from the state BeforeRun prepares. On a shared 2-core machine a baseline
// measured in another process minutes earlier says little; the ratio within one round does. One
// warm-up round (not counted) pays for compiling the code. Reports each side's median time and
// allocations (GC.GetTotalAllocatedBytes(true) around the run, managed memory only) and the median
// of the per-round ratios to the baseline.
//
//   dotnet run -c Release --project tests/PartnerStages.Benchmarks -- --alternate monthly|import|partner-page|partner-list|partner-page-sql|dashboard|dashboard-scale|rule-impact|backtest|publish [--rounds N] [--partners N]
public static class AlternatingHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = PartnerStagesDatabase.ParseProvider(TextOption(args, "--provider"));
        if (args.Length == 0 || Create(args[0], Option(args, "--partners", 0), provider) is not { } benchmark)
        {
            Console.Error.WriteLine("usage: --alternate monthly|import|partner-page|partner-list|partner-page-sql|dashboard|dashboard-scale|rule-impact|backtest|publish|sample-load [--rounds N] [--partners N] [--warmup N]");
            Console.Error.WriteLine($"       --provider postgresql (partner-list, dashboard, monthly): on the server {BenchmarkDatabase.PostgresServerVariable} names");
            return 2;
        }

        var rounds = Option(args, "--rounds", 5);
        var warmup = Option(args, "--warmup", 1);
        Console.WriteLine(Invariant($"// {args[0]} on {provider}: {warmup} warm-up round(s), {rounds} measured round(s), {Environment.ProcessorCount} cores, load average {LoadAverage()}, server GC {System.Runtime.GCSettings.IsServerGC}"));
        await benchmark.SetupAsync();
        try
        {
            var sides = benchmark.Sides;
            var measured = sides.Select(_ => new List<Measurement>()).ToArray();
            for (var round = -warmup; round < rounds; round++)
            {
                var line = new List<string>();
                for (var s = 0; s < sides.Count; s++)
                {
                    var m = await MeasureAsync(benchmark, sides[s]);
                    if (round >= 0)
                    {
                        measured[s].Add(m);
                    }

                    var ratio = s > 0 && round >= 0 ? $" ({Ratio(m.SecondsPerOperation / measured[0][^1].SecondsPerOperation)})" : "";
                    line.Add(Invariant($"{sides[s].Name} {Time(m.SecondsPerOperation)} {Bytes(m.BytesPerOperation)}{ratio}"));
                }

                Console.WriteLine((round < 0 ? "warm-up  " : Invariant($"round {round + 1,2} ")) + string.Join(" | ", line) +
                    Invariant($" | load {LoadAverage()}"));
            }

            Console.WriteLine();
            Console.WriteLine(Invariant($"// medians over {rounds} rounds (min–max)"));
            for (var s = 0; s < sides.Count; s++)
            {
                var times = measured[s].Select(m => m.SecondsPerOperation).ToList();
                var bytes = measured[s].Select(m => (double)m.BytesPerOperation).ToList();
                var text = Invariant($"{sides[s].Name,-28} time {Time(Median(times))} ({Time(times.Min())}–{Time(times.Max())})  allocated {Bytes((long)Median(bytes))} ({Bytes((long)bytes.Min())}–{Bytes((long)bytes.Max())})");
                if (s > 0)
                {
                    var ratios = measured[s].Zip(measured[0], (c, b) => c.SecondsPerOperation / b.SecondsPerOperation).ToList();
                    text += Invariant($"  ratio to {sides[0].Name} {Ratio(Median(ratios))} ({Ratio(ratios.Min())}–{Ratio(ratios.Max())})");
                }

                Console.WriteLine(text);
            }
        }
        finally
        {
            await benchmark.CleanupAsync();
        }

        return 0;
    }

    // partners: the size of the generated sample, for the benchmarks that take one (0: their default).
    // provider: the database the benchmarks that run on either use (the others refuse PostgreSQL).
    private static IAlternatingBenchmark? Create(string name, int partners, DatabaseProvider provider) => name switch
    {
        "partner-list" => new PartnerListBenchmarks { SamplePartners = provider == DatabaseProvider.PostgreSql && partners == 0 ? 10_000 : partners, Provider = provider },
        "dashboard" => new Dashboard.DashboardBenchmarks { Provider = provider },
        "monthly" when provider == DatabaseProvider.PostgreSql => new MonthlyImportPostgreSqlBenchmarks(),
        "sample-load" => new SampleLoadBenchmarks(),
        _ when provider == DatabaseProvider.PostgreSql => null,
        "partner-page-sql" => new PartnerPageSqlBenchmarks { SamplePartners = partners > 0 ? partners : 10_000 },
        "monthly" => new MonthlyImportBenchmarks(),
        "import" => new ImportBenchmarks(),
        "partner-page" => new PartnerPageBenchmarks(),
        "dashboard-scale" => new Dashboard.DashboardScaleBenchmarks(),
        "rule-impact" => new Rules.RuleImpactBenchmarks(),
        "backtest" => new Rules.BacktestBenchmarks(),
        "publish" => new Rules.PublishBenchmarks(),
        _ => null,
    };

    private static async Task<Measurement> MeasureAsync(IAlternatingBenchmark benchmark, AlternatingSide side)
    {
        benchmark.BeforeRun();
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < side.Operations; i++)
            {
                await side.Run();
            }

            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            return new Measurement(clock.Elapsed.TotalSeconds / side.Operations, allocated / side.Operations);
        }
        finally
        {
            benchmark.AfterRun();
        }
    }

    private static string? TextOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Time(double seconds) => seconds switch
    {
        >= 1 => Invariant($"{seconds:F3} s"),
        >= 1e-3 => Invariant($"{seconds * 1e3:F1} ms"),
        _ => Invariant($"{seconds * 1e6:F2} µs"),
    };

    // A small ratio (a share of the baseline) as a percentage, so that it keeps its digits.
    private static string Ratio(double ratio) => ratio >= 0.1 ? Invariant($"{ratio:F3}x") : Invariant($"{ratio * 100:F3} %");

    private static string Bytes(long bytes) => bytes >= 10_000_000 ? Invariant($"{bytes / 1e6:F0} MB") : Invariant($"{bytes:N0} B");

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Measurement(double SecondsPerOperation, long BytesPerOperation);
}
