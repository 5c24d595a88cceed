using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data.Dashboard;

public sealed record DashboardCacheStatistics(long Hits, long Misses, int Entries);

// Dashboard figures computed once per change of the data behind them, and shared by every circuit
// and user asking for the same part, filter and day (one computation, however many ask at once).
// Writes record whom they touched in PortfolioChanges (PartnerStagesDbContext); before answering,
// the cache reads the rows it has not seen and drops the entries they affect. The rows live in the
// database, so every app instance on it drops its own stale entries the same way.
public sealed class DashboardCache(IDbContextFactory<PartnerStagesDbContext> contextFactory) : IDisposable
{
    // Enough for every owner's own view and the common shared ones; the least recently used go first.
    private const int Capacity = 512;

    // Change rows kept for instances that fall behind; one further behind drops everything.
    private const int ChangesKept = 10_000;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private long _seen = -1;
    private long _hits;
    private long _misses;

    public DashboardCacheStatistics Statistics => new(Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), _entries.Count);

    public Task<T> GetAsync<T>(string part, DashboardFilter filter, DateOnly today,
        Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken) where T : class =>
        GetAsync(new Key(part, filter, today), standingsOn: null, compute, cancellationToken);

    // Figures that read only the stage standings at the end of a past day (a closed month end): kept
    // until a write alters the history up to that day, however many check-ins land today.
    public Task<T> GetStandingsAsync<T>(string part, DashboardFilter filter, DateOnly day,
        Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken) where T : class =>
        GetAsync(new Key(part, filter, day), day, compute, cancellationToken);

    private async Task<T> GetAsync<T>(Key key, DateOnly? standingsOn, Func<CancellationToken, Task<T>> compute,
        CancellationToken cancellationToken) where T : class
    {
        await CatchUpAsync(cancellationToken);
        // Not the caller's token: others may be waiting for the same figures. Lazy, so a lost race
        // to add the entry starts no second computation.
        var candidate = new Entry(key.Filter, standingsOn,
            new Lazy<Task<object>>(() => Task.Run(async () => (object)await compute(CancellationToken.None))));
        var entry = _entries.GetOrAdd(key, candidate);
        var added = ReferenceEquals(entry, candidate);
        Interlocked.Increment(ref added ? ref _misses : ref _hits);
        entry.Touch();
        if (added && _entries.Count > Capacity)
        {
            Trim();
        }

        try
        {
            return (T)await entry.Figures.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Figures.IsFaulted)
        {
            // The next request tries again rather than serving the failure.
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            throw;
        }
    }

    // Reads the change rows this instance has not applied yet; one caller reads, the others wait for it.
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var seen = Interlocked.Read(ref _seen);
            var changes = await db.PortfolioChanges.AsNoTracking().Where(c => c.Id > seen).OrderBy(c => c.Id)
                .Take(ChangesKept).ToListAsync(cancellationToken);
            if (changes.Count == 0)
            {
                if (seen < 0)
                {
                    Interlocked.Exchange(ref _seen, 0);
                }

                return;
            }

            // On the first read, or when rows were pruned before this instance saw them, nothing
            // cached can be trusted.
            var behind = seen < 0 || changes[0].Id > seen + 1 || changes.Count == ChangesKept;
            if (behind || changes.Any(c => c.IsEverything))
            {
                _entries.Clear();
            }
            else
            {
                foreach (var (key, entry) in _entries)
                {
                    if (entry.StandingsOn is { } day
                            ? changes.Any(c => c.AffectsStandingsOn(entry.Filter, day))
                            : changes.Any(c => c.Affects(entry.Filter)))
                    {
                        _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
                    }
                }
            }

            var last = changes[^1].Id;
            Interlocked.Exchange(ref _seen, last);
            if (last % 1000 < changes.Count)
            {
                await db.PortfolioChanges.Where(c => c.Id <= last - ChangesKept).ExecuteDeleteAsync(cancellationToken);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public void Dispose() => _catchUp.Dispose();

    private void Trim()
    {
        foreach (var (key, entry) in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - Capacity + Capacity / 8))
        {
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
        }
    }

    private sealed record Key(string Part, DashboardFilter Filter, DateOnly Day);

    private sealed class Entry(DashboardFilter filter, DateOnly? standingsOn, Lazy<Task<object>> figures)
    {
        private long _lastUsed;

        public DashboardFilter Filter { get; } = filter;
        public DateOnly? StandingsOn { get; } = standingsOn;
        public Task<object> Figures => figures.Value;
        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
    }
}
