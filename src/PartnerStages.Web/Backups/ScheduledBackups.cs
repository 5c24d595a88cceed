using Microsoft.Extensions.Options;
using PartnerStages.Core.Accounts;
using PartnerStages.Data.Backups;

namespace PartnerStages.Web.Backups;

// A backup every PartnerStages:Backup:IntervalHours while the app runs (registered only when set).
internal sealed class ScheduledBackups(IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider clock,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    public static readonly Actor Schedule = new("scheduled-backup", "scheduled backup", new HashSet<string> { Roles.Administrator });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!scope.ServiceProvider.GetRequiredService<BackupService>().IsAvailable)
            {
                logger.LogWarning("PartnerStages:Backup:IntervalHours is set, but no backups are taken: {Reason}", BackupService.NotOnThisDatabase);
                return;
            }
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.IntervalHours), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpAsync(Schedule, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A failed backup (disk full, say) must not stop the app or the next attempt.
                logger.LogError(error, "The scheduled backup failed; the next one is due in {Hours} hours.", options.Value.IntervalHours);
            }
        }
    }
}
