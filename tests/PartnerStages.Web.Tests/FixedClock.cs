namespace PartnerStages.Web.Tests;

// Always the same day; each reading is a second later, so events keep the order they happened in.
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    private long _readings;

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _readings));
}
