using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Data;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Benchmarks.Dashboard;

// How the dashboard's cost grows with the portfolio: every figure for the last 12 months with the
// cache cold, on 10,000 partners (the baseline) and on 100,000, alternating in one process. Both
// samples come from the same seed (PARTNERSTAGES_BENCH_SEED), so they differ only in size.
public sealed class DashboardScaleBenchmarks : IAlternatingBenchmark
{
    private readonly List<(BenchmarkDatabase Database, DashboardFilter Filter)> _portfolios = [];
    private readonly List<DashboardService> _shared = [];

    // PARTNERSTAGES_BENCH_AFTER_CHECK_IN=1 compares the open after a check-in (a warm cache, then one
    // stage move today) instead of the open with nothing cached.
    private static bool AfterCheckIn => Environment.GetEnvironmentVariable("PARTNERSTAGES_BENCH_AFTER_CHECK_IN") is not null;

    public IReadOnlyList<AlternatingSide> Sides => AfterCheckIn
        ?
        [
            new("after a check-in, 10,000 partners", 1, () => AfterCheckInAsync(0)),
            new("after a check-in, 100,000 partners", 1, () => AfterCheckInAsync(1)),
        ]
        :
        [
            new("cold, 10,000 partners", 1, () => ColdAsync(0)),
            new("cold, 100,000 partners", 1, () => ColdAsync(1)),
        ];

    public async Task SetupAsync()
    {
        foreach (var size in new[] { 10_000, 100_000 })
        {
            var database = await BenchmarkDatabase.OpenAsync(size, DashboardBenchmarks.Seed);
            var today = database.Services.GetRequiredService<PartnerService>().Today;
            _portfolios.Add((database, new DashboardFilter { From = new DateOnly(today.Year, today.Month, 1).AddMonths(-11), To = today }));
            var contexts = database.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>();
            _shared.Add(new DashboardService(contexts, database.Services.GetRequiredService<PartnerService>(), new DashboardCache(contexts)));
        }
    }

    public void BeforeRun()
    {
    }

    public void AfterRun()
    {
    }

    public async Task CleanupAsync()
    {
        foreach (var (database, _) in _portfolios)
        {
            await database.DisposeAsync();
        }
    }

    private async ValueTask AfterCheckInAsync(int portfolio)
    {
        var (database, filter) = _portfolios[portfolio];
        await CheckInNotice.WriteAsync(database.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>(), filter.To);
        await _shared[portfolio].GetAsync(filter);
    }

    private async ValueTask ColdAsync(int portfolio)
    {
        var (database, filter) = _portfolios[portfolio];
        var contexts = database.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>();
        using var cache = new DashboardCache(contexts);
        await new DashboardService(contexts, database.Services.GetRequiredService<PartnerService>(), cache).GetAsync(filter);
    }
}
