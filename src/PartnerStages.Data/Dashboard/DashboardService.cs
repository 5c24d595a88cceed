using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Data.Partners;

namespace PartnerStages.Data.Dashboard;

// Every figure of the executive dashboard for one filter and period. Each number comes with the
// partner-list query that lists exactly the partners behind it (see Figure). Each panel's figures
// are computed in the database (grouped counts) and shared through the DashboardCache until a write
// changes them.
public sealed class DashboardService(IDbContextFactory<PartnerStagesDbContext> contextFactory, PartnerService partners, DashboardCache cache)
{
    private const int ListLength = 8;

    public async Task<DashboardFigures> GetAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var distribution = GetDistributionAsync(filter, cancellationToken);
        var months = GetMonthsAsync(filter, cancellationToken);
        var moves = GetMovesAsync(filter, cancellationToken);
        var flagged = GetFlaggedAsync(filter, cancellationToken);
        var breakdowns = GetBreakdownsAsync(filter, cancellationToken);
        await Task.WhenAll(distribution, months, moves, flagged, breakdowns);

        var (now, atStart) = await distribution;
        var (transitions, enteredPlateau) = await moves;
        var (atRisk, overdue, stuck) = await flagged;
        var (byOwner, byRegion) = await breakdowns;
        return new DashboardFigures(filter, partners.Today, now, atStart, (await months).Months, transitions, enteredPlateau,
            atRisk, overdue, stuck, byOwner, byRegion);
    }

    public Task<DistributionFigures> GetDistributionAsync(DashboardFilter filter, CancellationToken cancellationToken = default) =>
        CachedAsync("distribution", filter, async (today, ct) =>
        {
            var scope = filter.Scope;
            var startDay = filter.From.AddDays(-1);
            var now = WithContextAsync(async db =>
            {
                var counts = await db.PartnersMatching(scope, today).GroupBy(p => p.CurrentStage)
                    .Select(g => new { Stage = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Stage ?? (Stage)(-1), g => g.Count, ct);
                return new StageTally(
                    Stages(stage => new Figure(counts.GetValueOrDefault(stage), scope with { Stages = [stage] })),
                    new Figure(counts.GetValueOrDefault((Stage)(-1)), scope with { UnassessedOnly = true }));
            }, ct);
            var atStart = StandingsOnAsync(filter, startDay, today);
            return new DistributionFigures(await now, new StageTally(TallyOn(await atStart, startDay, scope), null));
        }, cancellationToken);

    public Task<MonthFigures> GetMonthsAsync(DashboardFilter filter, CancellationToken cancellationToken = default) =>
        CachedAsync("months", filter, async (today, ct) =>
        {
            var scope = filter.Scope;
            var mixes = new List<MonthMix>();
            foreach (var end in MonthEnds(filter.From, filter.To, today))
            {
                mixes.Add(new MonthMix(end, TallyOn(await StandingsOnAsync(filter, end, today), end, scope)));
            }

            return new MonthFigures(mixes);
        }, cancellationToken);

    public Task<MoveFigures> GetMovesAsync(DashboardFilter filter, CancellationToken cancellationToken = default) =>
        CachedAsync("moves", filter, (today, ct) => WithContextAsync(async db =>
        {
            var scope = filter.Scope;
            var period = scope with { Since = filter.From, Until = filter.To };
            var inScope = db.PartnersMatching(scope, today);
            var moves = db.StageMoves(filter.From, filter.To).Where(c => inScope.Any(p => p.Id == c.PartnerId));
            var transitions = (await moves
                    .GroupBy(c => new { c.From, c.To })
                    .Select(g => new { g.Key.From, g.Key.To, Partners = g.Select(c => c.PartnerId).Distinct().Count() })
                    .ToListAsync(ct))
                .Select(t => new Transition(t.From!.Value, t.To, new Figure(t.Partners, period with { MovedFrom = t.From, MovedTo = t.To })))
                .OrderBy(t => t.From.HealthRank()).ThenBy(t => t.To.HealthRank())
                .ToList();
            var enteredPlateau = await moves.Where(c => c.To == Stage.Plateau).Select(c => c.PartnerId).Distinct().CountAsync(ct);
            return new MoveFigures(transitions, new Figure(enteredPlateau, period with { MovedTo = Stage.Plateau }));
        }, ct), cancellationToken);

    public Task<FlaggedFigures> GetFlaggedAsync(DashboardFilter filter, CancellationToken cancellationToken = default) =>
        CachedAsync("flagged", filter, async (_, ct) =>
        {
            var scope = filter.Scope;
            var atRisk = FlaggedAsync(scope with { AtRiskOnly = true }, ct);
            var overdue = FlaggedAsync(scope with { OverdueOnly = true, Sort = PartnerSort.LastAssessed }, ct);
            var stuck = FlaggedAsync(scope with { StuckOnly = true, Sort = PartnerSort.StageSince }, ct);
            return new FlaggedFigures(await atRisk, await overdue, await stuck);
        }, cancellationToken);

    public Task<BreakdownFigures> GetBreakdownsAsync(DashboardFilter filter, CancellationToken cancellationToken = default) =>
        CachedAsync("breakdowns", filter, async (today, ct) =>
        {
            var scope = filter.Scope;
            var byOwner = WithContextAsync(db => BreakdownAsync(db, scope, today, p => p.OwnerId, key => scope with { OwnerId = key },
                OwnerNamesAsync, ct), ct);
            var byRegion = WithContextAsync(db => BreakdownAsync(db, scope, today, p => p.Region, key => scope with { Region = key },
                RegionNamesAsync, ct), ct);
            return new BreakdownFigures(await byOwner, await byRegion);
        }, cancellationToken);

    // The parts read independently, each on its own short-lived context, so they run side by side:
    // SQLite in WAL mode serves concurrent readers.
    private async Task<T> CachedAsync<T>(string part, DashboardFilter filter, Func<DateOnly, CancellationToken, Task<T>> compute,
        CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From > filter.To || filter.From < DashboardFilter.EarliestDay
            || filter.From < filter.To.AddMonths(-DashboardFilter.LongestPeriodMonths))
        {
            throw new DomainException(nameof(DashboardFilter.From),
                $"The period must run forwards and cover at most {DashboardFilter.LongestPeriodMonths} months.");
        }

        var today = partners.Today;
        return await cache.GetAsync(part, filter, today, ct => compute(today, ct), cancellationToken);
    }

    private async Task<T> WithContextAsync<T>(Func<PartnerStagesDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await read(db);
    }

    // Month ends from the month of `from` to the month of `to`; the running month ends today.
    public static IReadOnlyList<DateOnly> MonthEnds(DateOnly from, DateOnly to, DateOnly today)
    {
        var ends = new List<DateOnly>();
        var last = to < today ? to : today;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            ends.Add(end < last ? end : last);
        }

        return ends;
    }

    private async Task<FlaggedPartners> FlaggedAsync(PartnerQuery query, CancellationToken cancellationToken)
    {
        var page = await partners.ListAsync(query with { PageSize = ListLength }, cancellationToken);
        return new FlaggedPartners(new Figure(page.Total, query), page.Rows);
    }

    // The standings at the end of a past day change only when a write reaches back into the history
    // (PortfolioChange.HistoryFrom): shared by every period that shows that day and kept across
    // today's check-ins, so a check-in costs the stage mix one count (today's) instead of one a month.
    private Task<Dictionary<Stage, int>> StandingsOnAsync(DashboardFilter filter, DateOnly day, DateOnly today)
    {
        var scope = filter.Scope;
        Task<Dictionary<Stage, int>> Count(CancellationToken ct) => WithContextAsync(db => StagesOnAsync(db, scope, day, today, ct), ct);
        return day < today
            ? cache.GetStandingsAsync("standings", filter with { From = day, To = day }, day, Count, CancellationToken.None)
            : Count(CancellationToken.None);
    }

    // How many partners in scope stood at each stage at the end of a day, counted in the database;
    // partners archived by that day do not count, as in the list's StageOn filter.
    private static async Task<Dictionary<Stage, int>> StagesOnAsync(PartnerStagesDbContext db, PartnerQuery scope, DateOnly day,
        DateOnly today, CancellationToken cancellationToken) =>
        await db.PartnersMatching(scope with { StageOn = day }, today)
            .WithStageOn(db, day)
            .Where(p => p.Stage != null)
            .GroupBy(p => p.Stage)
            .Select(g => new { Stage = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Stage, g => g.Count, cancellationToken);

    private static Dictionary<Stage, Figure> TallyOn(Dictionary<Stage, int> counts, DateOnly day, PartnerQuery scope) =>
        Stages(stage => new Figure(counts.GetValueOrDefault(stage), scope with { StageOn = day, Stages = [stage] }));

    private static Dictionary<Stage, Figure> Stages(Func<Stage, Figure> figure) =>
        StageHealth.ByHealth.ToDictionary(stage => stage, figure);

    private static async Task<List<Breakdown>> BreakdownAsync(PartnerStagesDbContext db, PartnerQuery scope, DateOnly today,
        System.Linq.Expressions.Expression<Func<Core.Partners.Partner, string>> key, Func<string, PartnerQuery> narrow,
        Func<PartnerStagesDbContext, IReadOnlyCollection<string>, CancellationToken, Task<Dictionary<string, string>>> labels,
        CancellationToken cancellationToken)
    {
        var counts = await db.PartnersMatching(scope, today)
            .GroupBy(key)
            .Select(g => new
            {
                Key = g.Key,
                Partners = g.Count(),
                Denial = g.Count(p => p.CurrentStage == Stage.Denial),
                Despair = g.Count(p => p.CurrentStage == Stage.Despair),
                Plateau = g.Count(p => p.CurrentStage == Stage.Plateau),
                Hopeful = g.Count(p => p.CurrentStage == Stage.Hopeful),
                Soaring = g.Count(p => p.CurrentStage == Stage.Soaring),
            })
            .ToListAsync(cancellationToken);
        var overdue = await db.PartnersMatching(scope with { OverdueOnly = true }, today)
            .GroupBy(key)
            .Select(g => new { Key = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var names = await labels(db, counts.Select(c => c.Key).ToList(), cancellationToken);

        return counts
            .Select(c =>
            {
                var query = narrow(c.Key);
                var byStage = new Dictionary<Stage, int>
                {
                    [Stage.Denial] = c.Denial,
                    [Stage.Despair] = c.Despair,
                    [Stage.Plateau] = c.Plateau,
                    [Stage.Hopeful] = c.Hopeful,
                    [Stage.Soaring] = c.Soaring,
                };
                return new Breakdown(c.Key, names.GetValueOrDefault(c.Key, c.Key), new Figure(c.Partners, query),
                    Stages(stage => new Figure(byStage[stage], query with { Stages = [stage] })),
                    new Figure(overdue.GetValueOrDefault(c.Key), query with { OverdueOnly = true }));
            })
            .OrderBy(b => b.Label, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    private static async Task<Dictionary<string, string>> OwnerNamesAsync(PartnerStagesDbContext db, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    private static Task<Dictionary<string, string>> RegionNamesAsync(PartnerStagesDbContext db, IReadOnlyCollection<string> regions,
        CancellationToken cancellationToken) =>
        Task.FromResult(regions.ToDictionary(r => r, r => r));
}
