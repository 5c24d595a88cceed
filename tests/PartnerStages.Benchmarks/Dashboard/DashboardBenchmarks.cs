using PartnerStages.Core.Partners;
using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Data;
using PartnerStages.Data.Samples;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Benchmarks.Dashboard;

// All dashboard figures for a 12-month period over a sample portfolio (10,000 partners unless
// PARTNERSTAGES_BENCH_PARTNERS says otherwise): the service with its cache cold (a new cache per
// open: the first executive after a change) and warm (every later open), against the same figures
// in hand-written SQL on one connection, on SQLite or PostgreSQL.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class DashboardBenchmarks : IAlternatingBenchmark
{
    public static int Partners =>
        int.TryParse(Environment.GetEnvironmentVariable("PARTNERSTAGES_BENCH_PARTNERS"), CultureInfo.InvariantCulture, out var n) ? n : 10_000;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("PARTNERSTAGES_BENCH_SEED"), CultureInfo.InvariantCulture, out var n) ? n : SamplePortfolioLoader.DefaultSeed;

    // The database (`--provider postgresql`: on the server BenchmarkDatabase.PostgresServerVariable names).
    public DatabaseProvider Provider { get; init; }

    private IDbContextFactory<PartnerStagesDbContext> _contexts = default!;
    private PartnerService _partners = default!;

    private BenchmarkDatabase _database = default!;
    private DashboardService _dashboard = default!;
    private DbConnection _connection = default!;
    private DashboardFilter _filter = default!;
    private DateOnly _today;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.OpenAsync(Partners, Seed, Provider);
        _dashboard = _database.Services.GetRequiredService<DashboardService>();
        _contexts = _database.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>();
        _partners = _database.Services.GetRequiredService<PartnerService>();
        _today = _partners.Today;
        _filter = new DashboardFilter { From = new DateOnly(_today.Year, _today.Month, 1).AddMonths(-11), To = _today };
        _connection = _database.IsPostgreSql ? new NpgsqlConnection(_database.ConnectionString) : new SqliteConnection(_database.ConnectionString);
        await _connection.OpenAsync();

        var figures = await Service();
        var sql = await HandWrittenSql();
        var serviceMonths = figures.Months.Sum(m => m.Total);
        if (figures.Now.Total != sql.Partners || serviceMonths != sql.MonthCells || figures.Transitions.Sum(t => t.Partners.Value) != sql.Moves)
        {
            throw new InvalidOperationException(
                $"Service and SQL disagree: partners {figures.Now.Total}/{sql.Partners}, months {serviceMonths}/{sql.MonthCells}, " +
                $"moves {figures.Transitions.Sum(t => t.Partners.Value)}/{sql.Moves}.");
        }

        Console.WriteLine($"// {figures.Now.Total} active partners, {await ScalarAsync("SELECT COUNT(*) FROM \"Assessments\"")} assessments");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        await _database.DisposeAsync();
    }

    public IReadOnlyList<AlternatingSide> Sides =>
    [
        new("hand-written SQL", 1, async () => await HandWrittenSql()),
        new("service, cache cold", 1, async () => await ColdService()),
        new("service, cache warm", 20, async () => await Service()),
        new("service, after a check-in", 1, async () => await AfterCheckIn()),
        .. Environment.GetEnvironmentVariable("PARTNERSTAGES_BENCH_PANELS") is null ? [] : PanelSides,
    ];

    // Each panel on its own, cache cold (PARTNERSTAGES_BENCH_PANELS=1): where a cold open's time goes.
    private IEnumerable<AlternatingSide> PanelSides =>
    [
        new("distribution, cold", 1, async () => await Cold().GetDistributionAsync(_filter)),
        new("months, cold", 1, async () => await Cold().GetMonthsAsync(_filter)),
        new("moves, cold", 1, async () => await Cold().GetMovesAsync(_filter)),
        new("flagged, cold", 1, async () => await Cold().GetFlaggedAsync(_filter)),
        new("breakdowns, cold", 1, async () => await Cold().GetBreakdownsAsync(_filter)),
    ];

    private DashboardService Cold() => new(_contexts, _partners, new DashboardCache(_contexts));

    public void BeforeRun()
    {
    }

    public void AfterRun()
    {
    }

    [Benchmark]
    public Task<DashboardFigures> Service() => _dashboard.GetAsync(_filter);

    // The open after a check-in that moved a stage today: what is cached for everyone is recomputed,
    // except the standings at closed month ends.
    [Benchmark]
    public async Task<DashboardFigures> AfterCheckIn()
    {
        await CheckInNotice.WriteAsync(_contexts, _today);
        return await _dashboard.GetAsync(_filter);
    }

    [Benchmark]
    public async Task<DashboardFigures> ColdService()
    {
        using var cache = new DashboardCache(_contexts);
        return await new DashboardService(_contexts, _partners, cache).GetAsync(_filter);
    }

    // Written once for SQLite and PostgreSQL: quoted names, aggregate FILTER clauses, dates as parameters
    // of each database's own kind (SQLite keeps ISO text, PostgreSQL a date).
    [Benchmark(Baseline = true)]
    public async Task<SqlFigures> HandWrittenSql()
    {
        var overdueBefore = Date(PartnerSignals.OverdueCutoff(_today));
        var stuckBefore = Date(PartnerSignals.StuckCutoff(_today));
        var from = Date(_filter.From);
        var to = Date(_filter.To);
        var days = DashboardService.MonthEnds(_filter.From, _filter.To, _today).Prepend(_filter.From.AddDays(-1)).ToList();
        const string Falling = "p.\"LatestMomentum\" <= -5";
        const string Active = "NOT p.\"IsArchived\"";

        var partners = 0;
        await ReadAsync($"SELECT p.\"CurrentStage\", COUNT(*) FROM \"Partners\" p WHERE {Active} GROUP BY p.\"CurrentStage\"",
            r => partners += (int)r.GetInt64(1));

        var monthCells = 0;
        var values = string.Join(", ", days.Select((d, i) => $"(@d{i})"));
        await ReadAsync($"""
            WITH days(d) AS (VALUES {values}),
            latest AS (
                SELECT days.d AS d,
                       (SELECT c."To" FROM "StageChanges" c WHERE c."PartnerId" = p."Id" AND c."ChangedOn" <= days.d
                        ORDER BY c."ChangedOn" DESC, c."Id" DESC LIMIT 1) AS stage
                FROM days CROSS JOIN "Partners" p
                WHERE p."ArchivedOn" IS NULL OR p."ArchivedOn" > days.d)
            SELECT d, stage, COUNT(*) FROM latest WHERE stage IS NOT NULL GROUP BY d, stage
            """, r => monthCells += r.GetFieldValue<DateOnly>(0) == days[0] ? 0 : (int)r.GetInt64(2),
            days.Select((d, i) => ($"@d{i}", Date(d))).ToArray());

        var moves = 0;
        await ReadAsync($"""
            SELECT c."From", c."To", COUNT(DISTINCT c."PartnerId") FROM "StageChanges" c JOIN "Partners" p ON p."Id" = c."PartnerId"
            WHERE {Active} AND c."From" IS NOT NULL AND c."ChangedOn" >= @from AND c."ChangedOn" <= @to
            GROUP BY c."From", c."To"
            """, r => moves += (int)r.GetInt64(2), ("@from", from), ("@to", to));
        await ScalarAsync($"""
            SELECT COUNT(DISTINCT c."PartnerId") FROM "StageChanges" c JOIN "Partners" p ON p."Id" = c."PartnerId"
            WHERE {Active} AND c."From" IS NOT NULL AND c."To" = 'Plateau' AND c."ChangedOn" >= @from AND c."ChangedOn" <= @to
            """, ("@from", from), ("@to", to));

        foreach (var (condition, order) in new[]
        {
            ($"(p.\"PendingRegression\" IS NOT NULL OR {Falling})", "p.\"NormalizedName\""),
            ("(COALESCE(p.\"LastAssessedOn\", p.\"AddedOn\") < @overdue)", "p.\"LastAssessedOn\", p.\"NormalizedName\""),
            ("p.\"CurrentStage\" IN ('Denial', 'Despair') AND p.\"StageSince\" < @stuck", "p.\"StageSince\", p.\"NormalizedName\""),
        })
        {
            (string, object)[] parameters = [("@from", from), ("@to", to), ("@overdue", overdueBefore), ("@stuck", stuckBefore)];
            await ScalarAsync($"SELECT COUNT(*) FROM \"Partners\" p WHERE {Active} AND {condition}", parameters);
            await ReadAsync($"""
                SELECT p."Id", p."Name", u."DisplayName", p."CurrentStage", p."LastAssessedOn" FROM "Partners" p JOIN "AspNetUsers" u ON u."Id" = p."OwnerId"
                WHERE {Active} AND {condition} ORDER BY {order} LIMIT 8
                """, _ => { }, parameters);
        }

        foreach (var key in new[] { "p.\"OwnerId\"", "p.\"Region\"" })
        {
            await ReadAsync($"""
                SELECT {key}, COUNT(*),
                       COUNT(*) FILTER (WHERE p."CurrentStage" = 'Denial'), COUNT(*) FILTER (WHERE p."CurrentStage" = 'Despair'),
                       COUNT(*) FILTER (WHERE p."CurrentStage" = 'Plateau'), COUNT(*) FILTER (WHERE p."CurrentStage" = 'Hopeful'),
                       COUNT(*) FILTER (WHERE p."CurrentStage" = 'Soaring'),
                       COUNT(*) FILTER (WHERE COALESCE(p."LastAssessedOn", p."AddedOn") < @overdue)
                FROM "Partners" p WHERE {Active} GROUP BY {key}
                """, _ => { }, ("@overdue", overdueBefore));
        }

        await ReadAsync("SELECT \"Id\", \"DisplayName\" FROM \"AspNetUsers\"", _ => { });
        return new SqlFigures(partners, monthCells, moves);
    }

    private object Date(DateOnly date) =>
        _database.IsPostgreSql ? date : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task ReadAsync(string sql, Action<DbDataReader> row, params (string Name, object Value)[] parameters)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        long result = 0;
        await ReadAsync(sql, r => result = r.GetInt64(0), parameters);
        return result;
    }
}

public sealed record SqlFigures(int Partners, int MonthCells, int Moves);
