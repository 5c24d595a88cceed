using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Samples;

namespace PartnerStages.Benchmarks.Faults;

// `--faults startup|checkins|sample|import [--rounds N]`: a child process does the work on a database of
// its own and is killed (kill -9) at a random moment; then the database must start (migrations with
// nothing waiting forever), pass PRAGMA integrity_check, and hold every write the child acknowledged.
// The sample load and a CSV import of check-ins must land whole or not at all. Run by hand, never by the tests.
public static class FaultHarness
{
    private const int SampleSize = 300;
    private const int ImportPartners = 300;
    private const int ImportCheckInsPerPartner = 100;
    private static readonly Actor Admin = new("fault-admin", "fault-admin@example.com", new HashSet<string> { Roles.Administrator });

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args.FirstOrDefault() ?? "";
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(100);
        var (maxDelayMs, fresh) = kind switch
        {
            "startup" => (1500, true),
            "checkins" => (1500, false),
            "sample" => (6000, true),
            "import" => (6000, true),
            _ => throw new ArgumentException("Name one of: startup, checkins, sample, import."),
        };

        var folder = Path.Combine(Path.GetTempPath(), "partnerstages-faults-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var random = new Random(2026);
        var (started, intact, complete, acknowledged, present, killed) = (0, 0, 0, 0, 0, 0);
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= rounds; round++)
        {
            if (fresh)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in Directory.GetFiles(folder, "partnerstages.db*"))
                {
                    File.Delete(file);
                }
            }

            var (acks, wasKilled) = await RunChildAndKillAsync(kind, folder, random.Next(maxDelayMs));
            killed += wasKilled ? 1 : 0;
            var check = await CheckAsync(kind, folder, acks);
            started += check.Started ? 1 : 0;
            intact += check.Intact ? 1 : 0;
            complete += check.Complete ? 1 : 0;
            acknowledged += acks.Count;
            present += check.Present;
            Console.WriteLine($"round {round,3}: {(wasKilled ? "killed" : "had finished")}, started {check.Started}, integrity {check.Intact}, " +
                $"{(kind is "sample" or "import" ? $"rows {check.Present} (all or nothing: {check.Complete}), acknowledged {acks.Count}" : $"acknowledged {acks.Count}, present {check.Present}")}");
        }

        Console.WriteLine($"// {kind}: {rounds} rounds ({killed} killed mid-work) in {clock.Elapsed.TotalSeconds:N0} s; started {started}/{rounds}, " +
            $"integrity ok {intact}/{rounds}, {(kind is "sample" or "import" ? $"whole or nothing {complete}/{rounds}, landed {acknowledged} times" : $"acknowledged writes present {present}/{acknowledged}")}");
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return started == rounds && intact == rounds && complete == rounds && (kind is "sample" or "import" || present == acknowledged) ? 0 : 1;
    }

    // The child: the work itself, printing "ack <id>" after each commit it makes.
    public static async Task<int> ChildAsync(string kind, string folder)
    {
        await using var services = Services(folder);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        if (kind == "checkins")
        {
            var partnerId = await EnsurePartnerAsync(services);
            var partners = services.GetRequiredService<PartnerService>();
            var assessments = services.GetRequiredService<AssessmentService>();
            var today = assessments.Today;
            for (var i = 0; ; i++)
            {
                var inputs = new AssessmentInputs
                {
                    ProgrammeFluency = 1 + (i % 5), DeliveryConfidence = 1 + (i * 3 % 5), InvestmentConviction = 4, Agility = 1 + (i * 7 % 5),
                    GoalAlignment = 3, CapabilityScore = 50 + (i % 50), ActiveFieldContacts = i % 4, CoSellWins = i % 3,
                };
                var recorded = await assessments.RecordAsync(Admin, partnerId, inputs, today, null, (await partners.GetAsync(partnerId))!.RowVersion);
                Console.WriteLine($"ack {recorded.AssessmentId}");
            }
        }

        if (kind == "sample")
        {
            await EnsureAdminAsync(services);
            await services.GetRequiredService<SamplePortfolioLoader>().LoadAsync(Admin, SampleSize);
        }

        if (kind == "import")
        {
            await EnsureAdminAsync(services);
            var import = services.GetRequiredService<CsvImportService>();
            var (partners, checkIns) = ImportFiles();
            Landed(await import.ImportAsync(Admin, ImportKind.Partners, partners, ExistingPartnerChoice.Skip));
            Landed(await import.ImportAsync(Admin, ImportKind.Assessments, checkIns, ExistingPartnerChoice.Skip));
            Console.WriteLine($"ack {ImportPartners * ImportCheckInsPerPartner}");
        }

        return 0;
    }

    private static async Task<(List<int> Acks, bool Killed)> RunChildAndKillAsync(string kind, string folder, int delayMs)
    {
        var acks = new List<int>();
        var start = new ProcessStartInfo("dotnet", [typeof(FaultHarness).Assembly.Location, "--fault-child", kind, folder])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child did not start.");
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        child.OutputDataReceived += (_, line) =>
        {
            if (line.Data is ['a', 'c', 'k', ' ', ..] ack)
            {
                lock (acks)
                {
                    acks.Add(int.Parse(ack[4..], System.Globalization.CultureInfo.InvariantCulture));
                }

                firstAck.TrySetResult();
            }
        };
        child.BeginOutputReadLine();
        if (kind == "checkins")
        {
            // Count the delay from the first commit: on a loaded machine the child's start-up alone can
            // outlast it, and the round would test start-up again instead of check-ins. (A child that
            // never commits is killed after 30 s and shows as a round with nothing acknowledged.)
            await Task.WhenAny(firstAck.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        }

        await Task.WhenAny(Task.Delay(delayMs), child.WaitForExitAsync());
        var killed = !child.HasExited;
        if (killed)
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync();
        lock (acks)
        {
            return ([.. acks], killed);
        }
    }

    private static async Task<(bool Started, bool Intact, bool Complete, int Present)> CheckAsync(string kind, string folder, List<int> acks)
    {
        SqliteConnection.ClearAllPools();
        await using var services = Services(folder);
        var start = services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var started = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(60))) == start;
        await start.WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!started)
        {
            return (false, false, false, 0);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        var intact = await db.Database.SqlQuery<string>($"PRAGMA integrity_check").ToListAsync() is ["ok"];
        if (kind == "sample")
        {
            var partners = await db.Partners.CountAsync();
            return (true, intact, partners is 0 or SampleSize, partners);
        }

        if (kind == "import")
        {
            // Whole: every check-in, the partners' remembered verdicts and the audit entry, or none of them.
            var checkIns = await db.Assessments.CountAsync();
            var assessed = await db.Partners.CountAsync(p => p.LastAssessedOn != null);
            var audited = await db.AuditEntries.CountAsync(a => a.EntityType == "Assessment");
            var whole = (checkIns, assessed, audited) == (ImportPartners * ImportCheckInsPerPartner, ImportPartners, 1);
            var none = (checkIns, assessed, audited) == (0, 0, 0);
            return (true, intact, acks.Count == 1 ? whole : whole || none, checkIns);
        }

        var present = await db.Assessments.CountAsync(a => acks.Contains(a.Id));
        return (true, intact, true, present);
    }

    private static (byte[] Partners, byte[] CheckIns) ImportFiles()
    {
        var partners = new StringBuilder("Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail,Notes,Archived\r\n");
        var checkIns = new StringBuilder("PartnerName,AssessedOn,CapabilityScore,CertifiedPeople,NetCustomerAdds,CoSellWins,ActiveFieldContacts,Awards," +
            "ProgrammeFluency,DeliveryConfidence,InvestmentConviction,Agility,GoalAlignment,Evidence,Stage\r\n");
        var first = new DateOnly(2026, 1, 1);
        for (var p = 0; p < ImportPartners; p++)
        {
            partners.Append(CultureInfo.InvariantCulture, $"Fault Partner {p},EMEA,Security,Member,2024-01-15,{Admin.Name},,false\r\n");
            for (var c = 0; c < ImportCheckInsPerPartner; c++)
            {
                checkIns.Append(CultureInfo.InvariantCulture,
                    $"Fault Partner {p},{first.AddDays(c):yyyy-MM-dd},{40 + (c % 50)},3,2,0,1,0,{1 + (c % 5)},{1 + (c * 3 % 5)},4,{1 + (c * 7 % 5)},3,,\r\n");
            }
        }

        return (Encoding.UTF8.GetBytes(partners.ToString()), Encoding.UTF8.GetBytes(checkIns.ToString()));
    }

    private static void Landed(ImportReport report)
    {
        if (!report.Committed)
        {
            throw new InvalidOperationException("The import refused the file: " + string.Join("; ", report.Problems.Take(5)));
        }
    }

    private static ServiceProvider Services(string folder) => new ServiceCollection()
        .AddLogging()
        .AddPartnerStagesData(_ => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "partnerstages.db") }.ToString())
        .BuildServiceProvider();

    private static async Task EnsureAdminAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
        if (!await db.Users.AnyAsync(u => u.Id == Admin.UserId))
        {
            db.Users.Add(new ApplicationUser { Id = Admin.UserId, UserName = Admin.Name, Email = Admin.Name, DisplayName = "Fault harness" });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = Admin.UserId, RoleId = Roles.Administrator.ToLowerInvariant() });
            await db.SaveChangesAsync();
        }
    }

    private static async Task<int> EnsurePartnerAsync(ServiceProvider services)
    {
        await EnsureAdminAsync(services);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync())
        {
            if (await db.Partners.Select(p => (int?)p.Id).FirstOrDefaultAsync() is { } id)
            {
                return id;
            }
        }

        return await services.GetRequiredService<PartnerService>().CreateAsync(Admin, new PartnerInput
        {
            Name = "Fault Harness Ltd", Region = "EMEA", SolutionArea = SolutionArea.Security, ProgrammeLevel = ProgrammeLevel.Member,
            JoinedProgrammeOn = new DateOnly(2024, 1, 1), OwnerId = Admin.UserId,
        });
    }
}
