namespace PartnerStages.Data.Webhooks;

// PartnerStages:Webhooks in appsettings.json; README "Webhooks" describes each.
public sealed class WebhookOptions
{
    public const string Section = "PartnerStages:Webhooks";

    // Off, nothing is sent by this instance (events still go to the outbox and wait).
    public bool DispatcherEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // The wait before each retry, as comma-separated time spans (hh:mm:ss); after the last retry fails
    // the delivery is given up. A string, because configuration binding appends to a list's defaults.
    public string RetrySchedule { get; set; } = "00:00:30,00:02:00,00:10:00,01:00:00,04:00:00,08:00:00,12:00:00";

    public IReadOnlyList<TimeSpan> RetryDelays => RetrySchedule
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(t => TimeSpan.Parse(t, System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    // Consecutive failed attempts (over all its deliveries) after which an endpoint is disabled.
    public int DisableAfterFailures { get; set; } = 10;

    public TimeSpan OverdueScanInterval { get; set; } = TimeSpan.FromMinutes(10);

    // How long a claimed delivery stays this instance's; past it (a crash mid-send) another may retry.
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    public int ParallelSends { get; set; } = 4;

    // Delivered or given-up messages older than this are deleted with their delivery log.
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(30);
}
