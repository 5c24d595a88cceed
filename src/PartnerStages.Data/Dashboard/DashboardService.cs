using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Data.Partners;

namespace PartnerStages.Data.Dashboard;

// Every figure of the executive dashboard for one filter and period. Each number comes with the
// partner-list query that lists exactly the partners behind it (see Figure).
public sealed class DashboardService(IDbContextFactory<PartnerStagesDbContext> contextFactory, PartnerService partners)
{
    private const int ListLength = 8;

    // The parts read independently, each on its own short-lived context, so they run side by side:
    // SQLite in WAL mode serves concurrent readers, and the dashboard waits for the slowest part only.
    public async Task<DashboardFigures> GetAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From > filter.To || filter.From < DashboardFilter.EarliestDay
            || filter.From < filter.To.AddMonths(-DashboardFilter.LongestPeriodMonths))
        {
            throw new DomainException(nameof(DashboardFilter.From),
                $"The period must run forwards and cover at most {DashboardFilter.LongestPeriodMonths} months.");
        }

        var today = partners.Today;
        var scope = filter.Scope;
        var period = scope with { Since = filter.From, Until = filter.To };
        var startDay = filter.From.AddDays(-1);
        var monthEnds = MonthEnds(filter.From, filter.To, today);

        var now = NowAsync(scope, today, cancellationToken);
        var stagesOn = WithContextAsync(db => StagesOnAsync(db, scope, [startDay, .. monthEnds], today, cancellationToken), cancellationToken);
        var moves = MovesAsync(filter, scope, period, today, cancellationToken);
        var atRisk = FlaggedAsync(period with { AtRiskOnly = true }, cancellationToken);
        var overdue = FlaggedAsync(scope with { OverdueOnly = true, Sort = PartnerSort.LastAssessed }, cancellationToken);
        var stuck = FlaggedAsync(scope with { StuckOnly = true, Sort = PartnerSort.StageSince }, cancellationToken);
        var byOwner = WithContextAsync(db => BreakdownAsync(db, scope, today, p => p.OwnerId, key => scope with { OwnerId = key },
            OwnerNamesAsync, cancellationToken), cancellationToken);
        var byRegion = WithContextAsync(db => BreakdownAsync(db, scope, today, p => p.Region, key => scope with { Region = key },
            RegionNamesAsync, cancellationToken), cancellationToken);
        await Task.WhenAll(now, stagesOn, moves, atRisk, overdue, stuck, byOwner, byRegion);

        var tallies = await stagesOn;
        var (transitions, enteredPlateau) = await moves;
        return new DashboardFigures(
            filter,
            today,
            await now,
            new StageTally(TallyOn(tallies[0], startDay, scope), null),
            monthEnds.Select((end, i) => new MonthMix(end, TallyOn(tallies[i + 1], end, scope))).ToList(),
            transitions,
            enteredPlateau,
            await atRisk,
            await overdue,
            await stuck,
            await byOwner,
            await byRegion);
    }

    private async Task<T> WithContextAsync<T>(Func<PartnerStagesDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await read(db);
    }

    private Task<StageTally> NowAsync(PartnerQuery scope, DateOnly today, CancellationToken cancellationToken) =>
        WithContextAsync(async db =>
        {
            var now = await db.PartnersMatching(scope, today).GroupBy(p => p.CurrentStage)
                .Select(g => new { Stage = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return new StageTally(
                Stages(stage => new Figure(now.SingleOrDefault(n => n.Stage == stage)?.Count ?? 0, scope with { Stages = [stage] })),
                new Figure(now.SingleOrDefault(n => n.Stage is null)?.Count ?? 0, scope with { UnassessedOnly = true }));
        }, cancellationToken);

    private Task<(List<Transition> Transitions, Figure EnteredPlateau)> MovesAsync(DashboardFilter filter, PartnerQuery scope,
        PartnerQuery period, DateOnly today, CancellationToken cancellationToken) =>
        WithContextAsync(async db =>
        {
            var inScope = db.PartnersMatching(scope, today);
            var moves = db.StageMoves(filter.From, filter.To).Where(c => inScope.Any(p => p.Id == c.PartnerId));
            var transitions = (await moves
                    .GroupBy(c => new { c.From, c.To })
                    .Select(g => new { g.Key.From, g.Key.To, Partners = g.Select(c => c.PartnerId).Distinct().Count() })
                    .ToListAsync(cancellationToken))
                .Select(t => new Transition(t.From!.Value, t.To, new Figure(t.Partners, period with { MovedFrom = t.From, MovedTo = t.To })))
                .OrderBy(t => t.From.HealthRank()).ThenBy(t => t.To.HealthRank())
                .ToList();
            var enteredPlateau = await moves.Where(c => c.To == Stage.Plateau).Select(c => c.PartnerId).Distinct().CountAsync(cancellationToken);
            return (transitions, new Figure(enteredPlateau, period with { MovedTo = Stage.Plateau }));
        }, cancellationToken);

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

    // Each partner's stage at the end of each day, from one read of the stage history: partners
    // archived by that day do not count, as in the list's StageOn filter.
    private static async Task<List<Dictionary<Stage, int>>> StagesOnAsync(PartnerStagesDbContext db, PartnerQuery scope,
        IReadOnlyList<DateOnly> days, DateOnly today, CancellationToken cancellationToken)
    {
        var first = days.Min();
        var last = days.Max();
        var candidates = db.PartnersMatching(scope with { StageOn = first }, today);
        var history = await db.StageChanges.AsNoTracking()
            .Where(c => c.ChangedOn <= last)
            .Join(candidates, c => c.PartnerId, p => p.Id, (c, p) => new { c.PartnerId, c.ChangedOn, c.Id, c.To, p.ArchivedOn })
            .ToListAsync(cancellationToken);

        var tallies = days.Select(_ => Enum.GetValues<Stage>().ToDictionary(s => s, _ => 0)).ToList();
        foreach (var partner in history.GroupBy(h => h.PartnerId))
        {
            var changes = partner.OrderBy(c => c.ChangedOn).ThenBy(c => c.Id).ToList();
            for (var i = 0; i < days.Count; i++)
            {
                var day = days[i];
                if (changes[0].ArchivedOn is { } archived && archived <= day)
                {
                    continue;
                }

                var latest = changes.LastOrDefault(c => c.ChangedOn <= day);
                if (latest is not null)
                {
                    tallies[i][latest.To]++;
                }
            }
        }

        return tallies;
    }

    private static Dictionary<Stage, Figure> TallyOn(Dictionary<Stage, int> counts, DateOnly day, PartnerQuery scope) =>
        Stages(stage => new Figure(counts[stage], scope with { StageOn = day, Stages = [stage] }));

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
