using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Backups;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Backups;

// Backups of the real, migrated test database into a folder of their own, and restores of them.
[SqliteOnly("Backups copy the SQLite file with SQLite's backup API; on PostgreSQL they are the server's job")]
public sealed class BackupServiceTests : ServiceTestBase, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", "backups-" + Guid.NewGuid().ToString("N"));

    private BackupService Backups(int keep = 7) => new(Get<PartnerStagesDatabase>(), Get<IDbContextFactory<PartnerStagesDbContext>>(), Get<TimeProvider>(),
        Options.Create(new BackupOptions { Folder = Path.Combine(_folder, "backups"), Keep = keep }), NullLogger<BackupService>.Instance);

    private static DatabaseRestore Restore => new(TimeProvider.System);

    private static PartnerStagesDbContext Open(string path) =>
        PartnerStagesDatabase.Sqlite($"Data Source={path};Pooling=False").CreateContext();

    private static async Task<string?> PragmaAsync(string path, string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_whole_with_every_write_acknowledged_before_it()
    {
        var partners = Get<PartnerService>();
        var assessments = Get<AssessmentService>();
        var acknowledged = new ConcurrentQueue<(int PartnerId, int AssessmentId)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(1, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                var id = await partners.CreateAsync(TestData.Manager, TestData.Partner(name: $"Writer {writer} partner {i}"));
                var version = (await partners.GetAsync(id))!.RowVersion;
                var recorded = await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today, null, version);
                acknowledged.Enqueue((id, recorded.AssessmentId));
            }
        })).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < 40 && DateTime.UtcNow < deadline && !writers.Any(w => w.IsFaulted))
        {
            await Task.Delay(20);
        }

        var before = acknowledged.ToArray();
        var backup = await Backups().BackUpAsync(TestData.Administrator);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var restored = Path.Combine(_folder, "restored", "partnerstages.db");
        await Restore.RestoreAsync(Path.Combine(_folder, "backups", backup.Name), restored);

        Assert.True(before.Length >= 40, $"Only {before.Length} writes were acknowledged before the backup.");
        Assert.Equal("ok", await PragmaAsync(restored, "integrity_check"));
        await using var db = Open(restored);
        var partnerIds = (await db.Partners.Select(p => p.Id).ToListAsync()).ToHashSet();
        var assessmentIds = (await db.Assessments.Select(a => a.Id).ToListAsync()).ToHashSet();
        Assert.All(before, write =>
        {
            Assert.Contains(write.PartnerId, partnerIds);
            Assert.Contains(write.AssessmentId, assessmentIds);
        });
    }

    [Fact]
    public async Task A_backup_is_owner_only_listed_and_audited_with_who_made_it()
    {
        var backups = Backups();

        var backup = await backups.BackUpAsync(TestData.Administrator);

        var path = Path.Combine(_folder, "backups", backup.Name);
        Assert.Equal(new FileInfo(path).Length, backup.Size);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal([backup], backups.List(TestData.Administrator));
        Assert.Equal(DateTimeKind.Utc, backup.TakenUtc.Kind);
        Assert.Equal(TestData.Today, DateOnly.FromDateTime(backup.TakenUtc));
        await using var db = Database.CreateContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Backup");
        Assert.Equal((AuditAction.Created, TestData.Administrator.UserId, backup.Name), (entry.Action, entry.UserId, entry.EntityId));
        // One self-contained file: not in WAL mode, so it needs no -wal beside it.
        Assert.Equal("delete", await PragmaAsync(path, "journal_mode"));
    }

    [Fact]
    public async Task Only_administrators_back_up_list_or_download()
    {
        var backups = Backups();
        var made = await backups.BackUpAsync(TestData.Administrator);

        foreach (var actor in new[] { TestData.Manager, TestData.Executive })
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => backups.BackUpAsync(actor));
            Assert.Throws<PermissionDeniedException>(() => backups.List(actor));
            Assert.Throws<PermissionDeniedException>(() => backups.OpenRead(actor, made.Name));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "backups")));
    }

    [Fact]
    public async Task Retention_deletes_the_oldest_beyond_the_count_kept()
    {
        var backups = Backups(keep: 2);
        var made = new List<BackupFile>();
        for (var i = 0; i < 4; i++)
        {
            made.Add(await backups.BackUpAsync(TestData.Administrator));
        }

        Assert.Equal([made[3].Name, made[2].Name], backups.List(TestData.Administrator).Select(b => b.Name));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "backups")).Length);
    }

    [Theory]
    [InlineData("../test.db")]
    [InlineData("partnerstages.db")]
    [InlineData("partnerstages-20261126T090000000Z.db")]
    public void Only_existing_backups_can_be_opened(string name) =>
        Assert.Throws<NotFoundException>(() => Backups().OpenRead(TestData.Administrator, name));

    [Fact]
    public async Task A_restore_keeps_the_database_it_replaced_with_its_write_ahead_log()
    {
        var first = await Backups().BackUpAsync(TestData.Administrator);
        await Get<PartnerService>().CreateAsync(TestData.Manager, TestData.Partner(name: "Added after the first backup"));
        var second = await Backups().BackUpAsync(TestData.Administrator);
        var target = Path.Combine(_folder, "restored", "partnerstages.db");
        await Restore.RestoreAsync(Path.Combine(_folder, "backups", second.Name), target);

        var result = await Restore.RestoreAsync(Path.Combine(_folder, "backups", first.Name), target);

        await using (var restored = Open(target))
        {
            Assert.False(await restored.Partners.AnyAsync());
        }

        await using var replaced = Open(Assert.IsType<string>(result.ReplacedPath));
        Assert.Equal(["Added after the first backup"], await replaced.Partners.Select(p => p.Name).ToListAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_checked_PartnerStages_database_is_refused_and_nothing_changes()
    {
        Directory.CreateDirectory(_folder);
        var garbage = Path.Combine(_folder, "garbage.db");
        await File.WriteAllBytesAsync(garbage, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        var otherApp = Path.Combine(_folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={otherApp};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY);";
            await create.ExecuteNonQueryAsync();
        }

        var target = Path.Combine(_folder, "restored", "partnerstages.db");

        var notSqlite = await Assert.ThrowsAsync<RestoreRefusedException>(() => Restore.RestoreAsync(garbage, target));
        var notOurs = await Assert.ThrowsAsync<RestoreRefusedException>(() => Restore.RestoreAsync(otherApp, target));
        var missing = await Assert.ThrowsAsync<RestoreRefusedException>(() => Restore.RestoreAsync(Path.Combine(_folder, "none.db"), target));

        Assert.Contains("not a readable SQLite database", notSqlite.Message, StringComparison.Ordinal);
        Assert.Contains("not a PartnerStages database", notOurs.Message, StringComparison.Ordinal);
        Assert.Contains("There is no file", missing.Message, StringComparison.Ordinal);
        Assert.Equal(["partnerstages.lock"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
