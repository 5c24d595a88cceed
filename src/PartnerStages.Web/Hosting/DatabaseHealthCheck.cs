using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerStages.Data;

namespace PartnerStages.Web.Hosting;

// Healthy means the app can do its work: the database answers and is migrated, and the folder it
// lives in takes writes and has room for them (a full disk fails every save while reads still work).
internal sealed class DatabaseHealthCheck(DatabaseInitializer database, StorageLocation storage, IConfiguration configuration) : IHealthCheck
{
    public const string MinimumFreeMegabytesKey = "PartnerStages:Health:MinimumFreeMegabytes";
    private const long DefaultMinimumFreeMegabytes = 64;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await database.IsReadyAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database is not reachable or not migrated.");
        }

        // A database server watches its own disk; the data folder then holds only logs.
        if (!storage.IsSqlite)
        {
            return HealthCheckResult.Healthy();
        }

        var probe = Path.Combine(storage.DataFolder, ".health-probe");
        try
        {
            await File.WriteAllBytesAsync(probe, new byte[4096], cancellationToken);
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The data folder does not take writes: " + error.Message);
        }

        var freeMegabytes = new DriveInfo(storage.DataFolder).AvailableFreeSpace / (1024 * 1024);
        var minimum = configuration.GetValue(MinimumFreeMegabytesKey, DefaultMinimumFreeMegabytes);
        return freeMegabytes < minimum
            ? HealthCheckResult.Unhealthy($"Only {freeMegabytes} MB are free where the database lives (at least {minimum} MB needed).")
            : HealthCheckResult.Healthy();
    }
}
