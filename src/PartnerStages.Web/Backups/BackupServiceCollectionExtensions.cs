using PartnerStages.Data.Backups;
using PartnerStages.Web.Hosting;

namespace PartnerStages.Web.Backups;

internal static class BackupServiceCollectionExtensions
{
    public static IServiceCollection AddPartnerStagesBackups(this IServiceCollection services, IConfiguration configuration)
    {
        // Backups live in the data folder (owner-only), beside the database they copy.
        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection(BackupOptions.Section))
            .Configure<StorageLocation>((options, storage) => options.Folder = Path.Combine(storage.DataFolder, "backups"));
        if (configuration.GetValue<double>($"{BackupOptions.Section}:IntervalHours") > 0)
        {
            services.AddHostedService<ScheduledBackups>();
        }

        return services;
    }
}
