namespace PartnerStages.Core.Rules;

// Moves of a stage in one calendar quarter, as recorded and as the draft would have made them. A
// partner's first stage is not a move; a regression is a move to a stage lower in health order.
public sealed record QuarterMoves(int Year, int Quarter, int RecordedMoves, int RecordedRegressions, int DraftMoves, int DraftRegressions)
{
    public string Label => $"{Year} Q{Quarter}";
}

// How many partners sat in each stage at one month end, as recorded and under the draft.
public sealed class MonthEndStages
{
    private readonly int[] _recorded = new int[5];
    private readonly int[] _draft = new int[5];

    internal MonthEndStages(DateOnly monthEnd) => MonthEnd = monthEnd;

    public DateOnly MonthEnd { get; }

    public int Recorded(Stage stage) => _recorded[(int)stage];

    public int Draft(Stage stage) => _draft[(int)stage];

    internal void Count(Stage? recorded, Stage? draft)
    {
        if (recorded is { } r)
        {
            _recorded[(int)r]++;
        }

        if (draft is { } d)
        {
            _draft[(int)d]++;
        }
    }
}

public sealed record BacktestResult(
    int DraftVersion,
    int Partners,
    int CheckIns,
    IReadOnlyList<QuarterMoves> Quarters,
    IReadOnlyList<MonthEndStages> MonthEnds,
    int Overrides,
    int OverridesAgreed)
{
    // Overrides the draft would still have needed: its verdict on the overruled check-in is another stage.
    public int OverridesContradicted => Overrides - OverridesAgreed;
}

// The rules lab's backtest (issue 15): every partner's whole history replayed in date order under the
// draft with today's regression policy (HistoryReplay), beside what was recorded: moves and regressions
// per quarter, partners per stage at each month end up to today, and the overrides the draft agrees with.
public static class Backtest
{
    public static BacktestResult Run(IEnumerable<PartnerRecord> partners, RuleSet draft, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(draft);
        var quarters = new Dictionary<(int Year, int Quarter), int[]>();
        var monthEnds = new SortedDictionary<DateOnly, MonthEndStages>();
        int partnerCount = 0, checkIns = 0, overrides = 0, agreed = 0;
        DateOnly? first = null;

        foreach (var partner in partners)
        {
            partnerCount++;
            checkIns += partner.CheckIns.Count;
            var replay = HistoryReplay.Replay(partner, _ => draft);
            overrides += replay.Overrides.Count;
            agreed += replay.Overrides.Count(o => o.Agrees);

            var recorded = partner.Changes.OrderBy(c => c.On).ThenBy(c => c.RecordedAtUtc)
                .Select(c => (c.On, c.From, c.To)).ToList();
            var replayed = replay.Moves.OrderBy(m => m.On).Select(m => (m.On, m.From, m.To)).ToList();
            Tally(quarters, recorded, 0);
            Tally(quarters, replayed, 2);
            foreach (var checkIn in partner.CheckIns)
            {
                first = first is { } f && f <= checkIn.AssessedOn ? f : checkIn.AssessedOn;
            }

            CountMonthEnds(monthEnds, recorded, replayed, today);
        }

        return new BacktestResult(draft.Version, partnerCount, checkIns, QuartersFrom(quarters, first, today),
            [.. monthEnds.Values], overrides, agreed);
    }

    private static void Tally(Dictionary<(int, int), int[]> quarters, List<(DateOnly On, Stage? From, Stage To)> moves, int offset)
    {
        foreach (var (on, from, to) in moves)
        {
            // A first stage is not a move, nor is an override that kept the stage (stored for its reason).
            if (from is not { } before || before == to)
            {
                continue;
            }

            var key = (on.Year, ((on.Month - 1) / 3) + 1);
            if (!quarters.TryGetValue(key, out var counts))
            {
                quarters[key] = counts = new int[4];
            }

            counts[offset]++;
            if (to.IsWorseThan(before))
            {
                counts[offset + 1]++;
            }
        }
    }

    // Every quarter from the first check-in's to today's, quiet ones included.
    private static List<QuarterMoves> QuartersFrom(Dictionary<(int, int), int[]> quarters, DateOnly? first, DateOnly today)
    {
        var list = new List<QuarterMoves>();
        if (first is not { } start)
        {
            return list;
        }

        for (var q = new DateOnly(start.Year, (((start.Month - 1) / 3) * 3) + 1, 1); q <= today; q = q.AddMonths(3))
        {
            var counts = quarters.GetValueOrDefault((q.Year, ((q.Month - 1) / 3) + 1)) ?? new int[4];
            list.Add(new QuarterMoves(q.Year, ((q.Month - 1) / 3) + 1, counts[0], counts[1], counts[2], counts[3]));
        }

        return list;
    }

    // From the month of the partner's first stage (either way) to the last month end on or before today.
    private static void CountMonthEnds(SortedDictionary<DateOnly, MonthEndStages> monthEnds,
        List<(DateOnly On, Stage? From, Stage To)> recorded, List<(DateOnly On, Stage? From, Stage To)> replayed, DateOnly today)
    {
        var earliest = recorded.Concat(replayed).Select(m => (DateOnly?)m.On).Min();
        if (earliest is not { } start)
        {
            return;
        }

        int r = 0, d = 0;
        Stage? recordedStage = null, draftStage = null;
        for (var end = MonthEnd(start); end <= today; end = MonthEnd(end.AddDays(1)))
        {
            while (r < recorded.Count && recorded[r].On <= end)
            {
                recordedStage = recorded[r++].To;
            }

            while (d < replayed.Count && replayed[d].On <= end)
            {
                draftStage = replayed[d++].To;
            }

            if (!monthEnds.TryGetValue(end, out var stages))
            {
                monthEnds[end] = stages = new MonthEndStages(end);
            }

            stages.Count(recordedStage, draftStage);
        }
    }

    private static DateOnly MonthEnd(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
