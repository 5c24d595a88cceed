using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;

namespace PartnerStages.Benchmarks.Partners;

// The partner page's server-side load (PartnerService.GetPageAsync, which PartnerPage.razor calls)
// for the partner with the most check-ins in a generated sample, against the same reads written by
// hand in SQL on one open connection: the partner with its owner, contacts and sponsors, the check-ins
// with their assessors, the stage changes with who made them, and the latest standing check-in. Both
// sides explain that check-in (the pure rules cost the same on either side; the baseline explains the
// row read in setup). `--alternate partner-page-sql --partners N`; BenchmarkDotNet runs 10,000.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PartnerPageSqlBenchmarks : IAlternatingBenchmark
{
    private BenchmarkDatabase? _database;
    private SqliteConnection _connection = default!;
    private PartnerService _partners = default!;
    private Assessment _latest = default!;
    private RuleSet _rules = default!;
    private int _partnerId;

    public int SamplePartners { get; init; } = 10_000;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.OpenAsync(SamplePartners);
        var services = _database.Services;
        _partners = services.GetRequiredService<PartnerService>();
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            _partnerId = await db.Assessments.GroupBy(a => a.PartnerId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => g.Key).FirstAsync();
            _latest = await db.Assessments.AsNoTracking()
                .Where(a => a.PartnerId == _partnerId && a.VoidedAtUtc == null)
                .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
                .FirstAsync();
        }

        _rules = await services.GetRequiredService<RuleSetStore>().GetVersionAsync(_latest.Verdict.RuleSetVersion);
        _connection = new SqliteConnection(_database.ConnectionString);
        await _connection.OpenAsync();

        var (details, timeline) = await ServicePage();
        var (sqlDetails, sqlTimeline) = await HandWrittenSql();
        if (details != sqlDetails with { VendorContacts = details.VendorContacts, Sponsors = details.Sponsors }
            || !details.VendorContacts.SequenceEqual(sqlDetails.VendorContacts) || !details.Sponsors.SequenceEqual(sqlDetails.Sponsors)
            || !timeline.Assessments.SequenceEqual(sqlTimeline.Assessments) || !timeline.StageChanges.SequenceEqual(sqlTimeline.StageChanges)
            || timeline.LatestVerdict?.Stage != sqlTimeline.LatestVerdict?.Stage)
        {
            throw new InvalidOperationException("The service and the hand-written SQL disagree; the comparison would be meaningless.");
        }

        Console.WriteLine($"// sample of {SamplePartners:N0} partners: partner {_partnerId}, {timeline.Assessments.Count} check-ins, {timeline.StageChanges.Count} stage changes");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<(PartnerDetails, PartnerTimeline)> HandWrittenSql()
    {
        PartnerDetails details;
        await using (var partner = Command("""
            SELECT p.Id, p.Name, p.Region, p.SolutionArea, p.ProgrammeLevel, p.JoinedProgrammeOn, p.OwnerId, u.DisplayName,
                   p.IsArchived, p.Notes, p.CurrentStage, p.PreviousStage, p.StageSince, p.LastAssessedOn, p.PendingRegression,
                   p.OverrideReason, p.RowVersion
            FROM Partners p JOIN AspNetUsers u ON u.Id = p.OwnerId WHERE p.Id = $id
            """))
        await using (var reader = await partner.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            details = new PartnerDetails(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), Enum.Parse<SolutionArea>(reader.GetString(3)),
                Enum.Parse<ProgrammeLevel>(reader.GetString(4)), Date(reader, 5)!.Value, reader.GetString(6), reader.GetString(7),
                reader.GetBoolean(8), Text(reader, 9), StageOf(reader, 10), StageOf(reader, 11), Date(reader, 12), Date(reader, 13),
                StageOf(reader, 14), Text(reader, 15), reader.GetInt32(16), [], []);
        }

        var contacts = new List<ContactView>();
        await using (var command = Command("SELECT Id, Name, Role, Mandate, LastTouchOn, RowVersion FROM VendorContacts WHERE PartnerId = $id ORDER BY Name"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                contacts.Add(new ContactView(reader.GetInt32(0), reader.GetString(1), Enum.Parse<VendorContactRole>(reader.GetString(2)),
                    Text(reader, 3), Date(reader, 4), reader.GetInt32(5)));
            }
        }

        var sponsors = new List<SponsorView>();
        await using (var command = Command("SELECT Id, Name, Kind, Email, RowVersion FROM PartnerSponsors WHERE PartnerId = $id ORDER BY Kind, Name"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sponsors.Add(new SponsorView(reader.GetInt32(0), reader.GetString(1), Enum.Parse<SponsorKind>(reader.GetString(2)), Text(reader, 3), reader.GetInt32(4)));
            }
        }

        var assessments = new List<AssessmentRow>();
        await using (var command = Command("""
            SELECT a.Id, a.AssessedOn, u.DisplayName, a.VerdictStage, a.MaturityIndex, a.Momentum, a.Evidence, a.VoidedAtUtc IS NOT NULL, a.VoidReason,
                   a.RuleSetVersion
            FROM Assessments a JOIN AspNetUsers u ON u.Id = a.AssessorId WHERE a.PartnerId = $id ORDER BY a.AssessedOn DESC, a.Id DESC
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                assessments.Add(new AssessmentRow(reader.GetInt32(0), Date(reader, 1)!.Value, reader.GetString(2), StageOf(reader, 3)!.Value,
                    reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5), Text(reader, 6), reader.GetBoolean(7), Text(reader, 8), reader.GetInt32(9)));
            }
        }

        var changes = new List<StageChangeRow>();
        await using (var command = Command("""
            SELECT c.Id, c.ChangedOn, c."From", c."To", c.Cause, c.Reason, u.DisplayName, CASE WHEN c.Cause = 'Rules' THEN a.RuleSetVersion END
            FROM StageChanges c JOIN AspNetUsers u ON u.Id = c.ChangedById LEFT JOIN Assessments a ON a.Id = c.AssessmentId
            WHERE c.PartnerId = $id ORDER BY c.RecordedAtUtc DESC, c.Id DESC
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                changes.Add(new StageChangeRow(reader.GetInt64(0), Date(reader, 1)!.Value, StageOf(reader, 2), StageOf(reader, 3)!.Value,
                    Enum.Parse<StageChangeCause>(reader.GetString(4)), Text(reader, 5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7)));
            }
        }

        // The latest standing check-in, every column the explanation reads.
        await using (var command = Command("""
            SELECT * FROM Assessments WHERE PartnerId = $id AND VoidedAtUtc IS NULL ORDER BY AssessedOn DESC, Id DESC LIMIT 1
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            for (var column = 0; column < reader.FieldCount; column++)
            {
                _ = reader.GetValue(column);
            }
        }

        return (details with { VendorContacts = contacts, Sponsors = sponsors }, new PartnerTimeline(assessments, changes, _latest.Explain(_rules)));
    }

    [Benchmark]
    public async Task<(PartnerDetails, PartnerTimeline)> ServicePage()
    {
        var page = await _partners.GetPageAsync(_partnerId) ?? throw new InvalidOperationException("The partner is gone.");
        return (page.Partner, page.Timeline);
    }

    // A thousand loads a round (about 0.2 s a side). With a hundred (20 ms) the one warm-up round ended
    // before the JIT had moved EF's code to its optimised tier, so the measured rounds timed EF's
    // unoptimised code against SQL's (1.58x, against 1.30x once warm, 2026-12-04), and a 5 ms preemption
    // moved a round's ratio by a quarter. A running server's page is past its warm-up.
    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("HandWrittenSql", 1_000, async () => await HandWrittenSql()),
        new("ServicePage", 1_000, async () => await ServicePage()),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
    }

    void IAlternatingBenchmark.AfterRun()
    {
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", _partnerId);
        return command;
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static Stage? StageOf(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : Enum.Parse<Stage>(reader.GetString(column));

    private static DateOnly? Date(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateOnly.ParseExact(reader.GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
