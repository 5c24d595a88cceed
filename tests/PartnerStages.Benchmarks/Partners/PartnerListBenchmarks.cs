using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Partners;

namespace PartnerStages.Benchmarks.Partners;

// One page of the filtered, sorted partner list: the service's EF Core query against the same page
// written by hand in SQL (count plus page, as the list needs both). BenchmarkDotNet runs it over 10,000
// partners seeded here; the alternating harness (`--alternate partner-list --partners N`) over the
// generated sample of N partners (BenchmarkDatabase), up to 100,000, on SQLite or (`--provider postgresql`)
// on PostgreSQL: the SQL is written once for both.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PartnerListBenchmarks : IAlternatingBenchmark
{
    private const int PartnerCount = 10_000;
    private static readonly string[] Regions = ["EMEA", "Americas", "APAC", "Nordics", "DACH"];

    private readonly PartnerQuery _query = new()
    {
        Stages = [Stage.Hopeful, Stage.Soaring],
        Region = "EMEA",
        Sort = PartnerSort.LastAssessed,
        Descending = true,
        Page = 2,
        PageSize = 25,
    };

    private string _folder = "";
    private BenchmarkDatabase? _sample;
    private ServiceProvider _services = default!;
    private PartnerService _partners = default!;
    private DbConnection _connection = default!;

    // 0: the 10,000 partners seeded here; otherwise the generated sample of that size.
    public int SamplePartners { get; init; }

    public DatabaseProvider Provider { get; init; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        string connectionString;
        if (SamplePartners > 0)
        {
            _sample = await BenchmarkDatabase.OpenAsync(SamplePartners, provider: Provider);
            (_services, connectionString) = (_sample.Services, _sample.ConnectionString);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "partnerstages-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "bench.db") }.ToString();
            _services = new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connectionString).BuildServiceProvider();
            await _services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            await SeedAsync(_services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>());
        }

        _partners = _services.GetRequiredService<PartnerService>();
        _connection = Provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await _connection.OpenAsync();

        var viaService = await ServiceQuery();
        var viaSql = await HandWrittenSql();
        if (viaService.Total != viaSql.Total || !viaService.Rows.SequenceEqual(viaSql.Rows))
        {
            throw new InvalidOperationException("The service and the hand-written SQL disagree; the comparison would be meaningless.");
        }

        Console.WriteLine($"// {(SamplePartners > 0 ? $"sample of {SamplePartners:N0}" : "10,000 seeded")} partners: page {_query.Page + 1} of {viaService.Total:N0} matching");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
            return;
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<PartnerPage> HandWrittenSql()
    {
        await using var count = _connection.CreateCommand();
        count.CommandText = """
            SELECT COUNT(*) FROM "Partners" p
            WHERE NOT p."IsArchived" AND p."CurrentStage" IN ('Hopeful', 'Soaring') AND p."Region" = @region
            """;
        Add(count, "region", _query.Region!);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        await using var page = _connection.CreateCommand();
        page.CommandText = """
            SELECT p."Id", p."Name", p."Region", p."SolutionArea", p."OwnerId", u."DisplayName", p."CurrentStage", p."PreviousStage",
                   p."StageSince", p."LastAssessedOn", p."PendingRegression", p."OverrideReason" IS NOT NULL, p."IsArchived",
                   p."AddedOn", p."LatestMomentum"
            FROM "Partners" p JOIN "AspNetUsers" u ON u."Id" = p."OwnerId"
            WHERE NOT p."IsArchived" AND p."CurrentStage" IN ('Hopeful', 'Soaring') AND p."Region" = @region
            ORDER BY p."LastAssessedOn" DESC, p."NormalizedName"
            LIMIT @take OFFSET @skip
            """;
        Add(page, "region", _query.Region!);
        Add(page, "take", _query.PageSize);
        Add(page, "skip", _query.Page * _query.PageSize);
        var rows = new List<PartnerRow>(_query.PageSize);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new PartnerRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                Enum.Parse<SolutionArea>(reader.GetString(3)), reader.GetString(4), reader.GetString(5),
                StageOrNull(reader, 6), StageOrNull(reader, 7), DateOrNull(reader, 8), DateOrNull(reader, 9),
                StageOrNull(reader, 10), reader.GetBoolean(11), reader.GetBoolean(12),
                DateOrNull(reader, 13) ?? default, reader.IsDBNull(14) ? null : reader.GetDouble(14)));
        }

        return new PartnerPage(rows, total);
    }

    [Benchmark]
    public Task<PartnerPage> ServiceQuery() => _partners.ListAsync(_query);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("HandWrittenSql", 50, async () => await HandWrittenSql()),
        new("ServiceQuery", 50, async () => await ServiceQuery()),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
    }

    void IAlternatingBenchmark.AfterRun()
    {
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static Stage? StageOrNull(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : Enum.Parse<Stage>(reader.GetString(column));

    // SQLite keeps a date as its ISO text, PostgreSQL as a date; both readers give a DateOnly.
    private static DateOnly? DateOrNull(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateOnly>(column);

    private static async Task SeedAsync(IDbContextFactory<PartnerStagesDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var owners = Enumerable.Range(1, 40)
            .Select(i => new ApplicationUser { Id = $"owner-{i}", UserName = $"owner{i}@example.com", DisplayName = $"Owner {i:00}" })
            .ToList();
        db.Users.AddRange(owners);

        var random = new Random(7);
        var stages = Enum.GetValues<Stage>();
        var today = new DateOnly(2026, 11, 26);
        for (var i = 0; i < PartnerCount; i++)
        {
            var partner = new Partner($"Partner {i:00000}", Regions[random.Next(Regions.Length)],
                (SolutionArea)random.Next(6), (ProgrammeLevel)random.Next(4), today.AddDays(-random.Next(60, 2000)),
                owners[random.Next(owners.Count)].Id);
            if (random.Next(10) > 0)
            {
                partner.RecordStage(stages[random.Next(stages.Length)], today.AddDays(-random.Next(400)), null, null);
                partner.RecordStage(stages[random.Next(stages.Length)], today.AddDays(-random.Next(200)),
                    random.Next(12) == 0 ? Stage.Despair : null, null);
                partner.MarkAssessed(today.AddDays(-random.Next(200)), null);
            }

            db.Partners.Add(partner);
        }

        await db.SaveChangesAsync();
    }
}
