using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Rules;

namespace PartnerStages.Benchmarks.Rules;

// The rules lab's impact on today's portfolio of the 10,000-partner sample (issue 15's "Speed"):
// RuleImpactService.ComputeAsync against its limit, the same latest check-ins read by hand-written
// SQL and classified under both versions in a loop (goal: at most 2x, and at most 300 ms).
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class RuleImpactBenchmarks : IAlternatingBenchmark
{
    private BenchmarkDatabase _database = default!;
    private RuleImpactService _impact = default!;
    private RuleSet _active = default!;
    private RuleSet _draft = default!;
    private RuleSet _reweighted = default!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.OpenAsync(10_000);
        _impact = _database.Services.GetRequiredService<RuleImpactService>();
        _active = await _database.Services.GetRequiredService<RuleSetStore>().GetActiveAsync();
        _draft = RulesLabSample.DraftOf(_active);
        _reweighted = _draft with { Weights = _draft.Weights with { GoalAlignment = _draft.Weights.GoalAlignment + 0.05, Agility = _draft.Weights.Agility - 0.05 } };
        var impact = await Service();
        var limit = await ReadAndClassify();
        if (impact.Partners != limit.Partners || impact.Moving != limit.Moving)
        {
            throw new InvalidOperationException($"Service and limit disagree: partners {impact.Partners}/{limit.Partners}, moving {impact.Moving}/{limit.Moving}.");
        }

        Console.WriteLine($"// {impact.Partners} active partners, {impact.Moving} would get another verdict under v{_draft.Version} (Soaring's bar 70)");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    [Benchmark(Baseline = true)]
    public async Task<(int Partners, int Moving)> ReadAndClassify()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = RulesLabSample.LatestCheckIns;
        await using var reader = await command.ExecuteReaderAsync();
        int partners = 0, moving = 0;
        const int at = RulesLabSample.AfterInputs;
        while (await reader.ReadAsync())
        {
            var inputs = RulesLabSample.Inputs(reader);
            var on = RulesLabSample.Day(reader, at);
            var history = new PartnerHistory(on, on.AddMonths(-reader.GetInt32(at + 1)), RulesLabSample.StageOf(reader, at + 2),
                RulesLabSample.StageOf(reader, at + 3), reader.IsDBNull(at + 4) ? null : reader.GetDouble(at + 4));
            partners++;
            if (StageClassifier.Classify(inputs, history, _active) != StageClassifier.Classify(inputs, history, _draft))
            {
                moving++;
            }
        }

        return (partners, moving);
    }

    [Benchmark]
    public Task<RuleImpact> Service() => _impact.ComputeAsync(RulesLabSample.Administrator, _draft);

    // A draft that weighs the index differently also reads each partner's check-in before the latest
    // (momentum under the same weights): a second read the limit does not make.
    [Benchmark]
    public Task<RuleImpact> ServiceReweighted() => _impact.ComputeAsync(RulesLabSample.Administrator, _reweighted);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("read + Classify (limit)", 1, async () => await ReadAndClassify()),
        new("RuleImpactService", 1, async () => await Service()),
        new("RuleImpactService, reweighted", 1, async () => await ServiceReweighted()),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
    }

    void IAlternatingBenchmark.AfterRun()
    {
    }
}
