using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.Benchmarks.Partners;

// The partner page of a partner with 24 check-ins in the 10,000-partner sample: what the page loads
// on the server (PartnerService.GetPageAsync, which re-derives the latest standing check-in's
// explanation) against that re-derivation alone (Assessment.Explain on the same row with its rule
// set, as GetPageAsync calls it). The explanation is no longer
// stored, so its share of the page is the price of deriving it.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PartnerPageBenchmarks : IAlternatingBenchmark
{
    public const int CheckIns = 24;

    private BenchmarkDatabase? _database;
    private PartnerService _partners = default!;
    private Assessment _latest = default!;
    private RuleSet _rules = default!;
    private int _partnerId;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.OpenAsync(10_000);
        var services = _database.Services;
        _partners = services.GetRequiredService<PartnerService>();
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            _partnerId = await db.Assessments.GroupBy(a => a.PartnerId)
                .Where(g => g.Count() == CheckIns)
                .Select(g => g.Key).OrderBy(id => id).FirstAsync();
            _latest = await db.Assessments.AsNoTracking()
                .Where(a => a.PartnerId == _partnerId && a.VoidedAtUtc == null)
                .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
                .FirstAsync();
        }

        _rules = await services.GetRequiredService<RuleSetStore>().GetVersionAsync(_latest.Verdict.RuleSetVersion);
        var page = await PartnerPage();
        if (page.LatestVerdict?.Stage != _latest.Verdict.Stage || ExplainLatest().Stage != _latest.Verdict.Stage)
        {
            throw new InvalidOperationException("The page's explanation and the re-derived one disagree; the comparison would be meaningless.");
        }

        Console.WriteLine($"// partner {_partnerId}: {page.Assessments.Count} check-ins, latest standing {_latest.AssessedOn:yyyy-MM-dd} ({_latest.Verdict.Stage})");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    // What the page loads on the server, the re-derivation included.
    [Benchmark(Baseline = true)]
    public async Task<PartnerTimeline> PartnerPage()
    {
        var page = await _partners.GetPageAsync(_partnerId) ?? throw new InvalidOperationException("The partner is gone.");
        return page.Timeline;
    }

    [Benchmark]
    public Verdict ExplainLatest() => _latest.Explain(_rules);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("PartnerPage", 300, async () => await PartnerPage()),
        new("ExplainLatest", 200_000, () =>
        {
            GC.KeepAlive(ExplainLatest());
            return ValueTask.CompletedTask;
        }),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
    }

    void IAlternatingBenchmark.AfterRun()
    {
    }
}
