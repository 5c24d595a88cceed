using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerStages.Data;
using PartnerStages.Data.Backups;
using PartnerStages.Web.Backups;

namespace PartnerStages.Web.Tests.Backups;

[SqliteOnly("Scheduled backups copy the SQLite file; on PostgreSQL they are the server's job")]
public sealed class ScheduledBackupTests : IAsyncLifetime
{
    // A tick every 0.36 s keeps the test short; the service is what IntervalHours > 0 registers.
    private readonly PartnerStagesFactory _factory = new(services =>
    {
        services.Configure<BackupOptions>(options => (options.IntervalHours, options.Keep) = (0.0001, 2));
        services.AddHostedService<ScheduledBackups>();
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_schedule_backs_up_as_the_scheduled_backup_and_keeps_the_newest()
    {
        var folder = Path.Combine(_factory.DataFolder, "backups");
        var made = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (made < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PartnerStagesDbContext>>().CreateDbContextAsync();
            made = await db.AuditEntries.CountAsync(a => a.EntityType == "Backup" && a.UserId == ScheduledBackups.Schedule.UserId);
        }

        // Stopped first, so no backup is half-way between written and pruned when the folder is counted.
        await _factory.Services.GetServices<IHostedService>().OfType<ScheduledBackups>().Single().StopAsync(CancellationToken.None);

        Assert.True(made >= 4, $"{made} scheduled backups in 30 s.");
        Assert.Equal(2, Directory.GetFiles(folder, "partnerstages-*.db").Length);
    }
}
