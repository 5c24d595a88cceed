using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;

namespace PartnerStages.Benchmarks.Rules;

// The rules lab's backtest over the whole history of the 10,000-partner sample (issue 15's "Speed"):
// BacktestService.RunAsync against its limit, every standing check-in read by hand-written SQL in
// replay order and classified under the draft in a loop, each on the history the loop itself builds
// (previous stage, peak, previous index). Goal: at most 2x, and at most 1.5 s.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class BacktestBenchmarks : IAlternatingBenchmark
{
    private BenchmarkDatabase _database = default!;
    private BacktestService _backtest = default!;
    private RuleSet _draft = default!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.OpenAsync(10_000);
        _backtest = _database.Services.GetRequiredService<BacktestService>();
        _draft = RulesLabSample.DraftOf(await _database.Services.GetRequiredService<RuleSetStore>().GetActiveAsync());
        var result = await Service();
        var limit = await ReadAndClassify();
        if (result.CheckIns != limit.CheckIns || result.Partners != limit.Partners)
        {
            throw new InvalidOperationException($"Service and limit disagree: check-ins {result.CheckIns}/{limit.CheckIns}, partners {result.Partners}/{limit.Partners}.");
        }

        Console.WriteLine($"// {result.Partners} active partners, {result.CheckIns} standing check-ins, {result.Quarters.Count} quarters, " +
            $"{result.MonthEnds.Count} month ends, {result.Overrides} overrides ({result.OverridesAgreed} agreed)");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async Task<(int Partners, int CheckIns, int Soaring)> ReadAndClassify()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = RulesLabSample.AllCheckIns;
        await using var reader = await command.ExecuteReaderAsync();
        int partners = 0, checkIns = 0, soaring = 0, partnerId = 0;
        Stage? previous = null, peak = null;
        double? previousIndex = null;
        const int at = RulesLabSample.AfterInputs;
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt32(at + 2);
            if (id != partnerId)
            {
                (partnerId, previous, peak, previousIndex) = (id, null, null, null);
                partners++;
            }

            var inputs = RulesLabSample.Inputs(reader);
            var on = RulesLabSample.Day(reader, at);
            var history = new PartnerHistory(on, on.AddMonths(-reader.GetInt32(at + 1)), previous, peak, previousIndex);
            var stage = StageClassifier.Classify(inputs, history, _draft);
            (previous, peak, previousIndex) = (stage, peak.PeakWith(stage), DerivedSignals.ComputeMaturityIndex(inputs, _draft));
            checkIns++;
            soaring += stage == Stage.Soaring ? 1 : 0;
        }

        return (partners, checkIns, soaring);
    }

    [Benchmark]
    public Task<BacktestResult> Service() => _backtest.RunAsync(RulesLabSample.Administrator, _draft);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("read + Classify (limit)", 1, async () => await ReadAndClassify()),
        new("BacktestService", 1, async () => await Service()),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
    }

    void IAlternatingBenchmark.AfterRun()
    {
    }
}
