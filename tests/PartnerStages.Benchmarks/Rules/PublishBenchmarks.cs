using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Benchmarks.Import;
using PartnerStages.Core.Accounts;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Rules;

namespace PartnerStages.Benchmarks.Rules;

// Publishing a draft that gives thousands of partners another verdict (RulesLabSample.SweepingDraftOf)
// on the 10,000-partner sample (issue 15's "Speed"): with re-evaluation of every active partner's
// latest check-in and without, beside the monthly CSV import of 10,000 check-ins
// (MonthlyImportBenchmarks, the import's rate) in the same process. Each run on a fresh copy.
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PublishBenchmarks : IAlternatingBenchmark
{
    private readonly MonthlyImportBenchmarks _import = new();
    private string _folder = "";
    private string _template = "";
    private string _target = "";
    private ServiceProvider? _services;
    private int _draft;
    private int _rowVersion;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await _import.SetupAsync();
        _folder = Path.Combine(Path.GetTempPath(), "partnerstages-publish-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _template = Path.Combine(_folder, "template.db");
        await using (var source = await BenchmarkDatabase.OpenAsync(10_000))
        {
            await CheckpointAsync(source.ConnectionString);
            File.Copy(new SqliteConnectionStringBuilder(source.ConnectionString).DataSource, _template);
        }

        SqliteConnection.ClearAllPools();
        await using (var template = Open(_template))
        {
            var admin = RulesLabSample.Administrator;
            await using (var db = await template.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
            {
                db.Users.Add(new ApplicationUser { Id = admin.UserId, UserName = admin.Name, Email = admin.Name, DisplayName = "Bench admin" });
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = admin.UserId, RoleId = Roles.Administrator.ToLowerInvariant() });
                await db.SaveChangesAsync();
            }

            var rules = template.GetRequiredService<RuleSetService>();
            var active = await template.GetRequiredService<RuleSetStore>().GetActiveAsync();
            _draft = await rules.StartDraftAsync(admin, active.Version);
            var view = await rules.GetAsync(admin, _draft);
            _rowVersion = await rules.SaveDraftAsync(admin, _draft, RulesLabSample.SweepingDraftOf(active), view.RowVersion);
        }

        await CheckpointAsync(Connection(_template));
        SqliteConnection.ClearAllPools();
        FreshCopy();
        try
        {
            var result = await Publish(reevaluate: true);
            Console.WriteLine($"// publishing v{result.Number} with re-evaluation: {result.Reevaluated} partners get another verdict, " +
                $"{result.Moved} stage changes, {result.Pending} regressions pending");
        }
        finally
        {
            DropCopy();
        }
    }

    [IterationSetup]
    public void FreshCopy()
    {
        _target = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(_template, _target);
        _services = Open(_target);
    }

    [IterationCleanup]
    public void DropCopy()
    {
        _services?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_target);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _import.Cleanup();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<PublishResult> PublishOnly() => Publish(reevaluate: false);

    [Benchmark]
    public Task<PublishResult> PublishAndReevaluate() => Publish(reevaluate: true);

    private Task<PublishResult> Publish(bool reevaluate) =>
        _services!.GetRequiredService<RuleSetPublisher>().PublishAsync(RulesLabSample.Administrator, _draft, _rowVersion, reevaluate);

    IReadOnlyList<AlternatingSide> IAlternatingBenchmark.Sides =>
    [
        new("monthly CSV import (10,000)", 1, () => new ValueTask(_import.CsvImport())),
        new("publish, no re-evaluation", 1, async () => await PublishOnly()),
        new("publish, re-evaluating 10,000", 1, async () => await PublishAndReevaluate()),
    ];

    void IAlternatingBenchmark.BeforeRun()
    {
        _import.FreshCopy();
        FreshCopy();
    }

    void IAlternatingBenchmark.AfterRun()
    {
        DropCopy();
        _import.DropCopy();
    }

    Task IAlternatingBenchmark.CleanupAsync()
    {
        Cleanup();
        return Task.CompletedTask;
    }

    private static ServiceProvider Open(string path)
    {
        var connection = Connection(path);
        return new ServiceCollection().AddLogging().AddPartnerStagesData(_ => connection).BuildServiceProvider();
    }

    private static string Connection(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }
}
