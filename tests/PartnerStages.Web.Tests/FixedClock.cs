namespace PartnerStages.Web.Tests;

// Always the same day; each reading is a second later, so events keep the order they happened in.
// Elapsed time (timestamps) runs as the real one does, plus what a test skips ahead.
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    private long _readings;
    private long _skippedTicks;

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _readings));

    public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _skippedTicks);

    public void Skip(TimeSpan time) => Interlocked.Add(ref _skippedTicks, (long)(time.TotalSeconds * TimestampFrequency));
}
