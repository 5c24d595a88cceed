using Microsoft.EntityFrameworkCore;

namespace PartnerStages.Data.Bulk;

// Writes back many changed rows of one entity type, read without tracking, through prepared UPDATEs
// inside the context's open transaction. It writes what SaveChanges would write for the same change:
// only the columns whose values differ from those the row was read with (Remember each row as it is
// read), and nothing at all for a row that did not change, so its row version stays too and nobody
// editing it meets a conflict for nothing. Concurrency works as in SaveChanges: the row must still
// carry the row version the entity was read with, and the update raises it by one, on the entity too.
// On SQLite each row's UPDATE runs as it is asked for; on PostgreSQL the rows are held and written
// together (CopiedUpdate), so they are only sure to be written (and a conflict only met) at
// FlushAsync, which the caller awaits before it commits.
public sealed class BulkUpdate<TEntity> : IAsyncDisposable where TEntity : class
{
    private readonly BulkTable _table;
    private readonly BulkColumn[] _columns;
    private readonly BulkColumn _key;
    private readonly BulkColumn? _version;
    private readonly int _stamp = -1;
    private readonly PartnerStagesDbContext _db;
    private readonly Dictionary<TEntity, object?[]> _originals = new(ReferenceEqualityComparer.Instance);

    // One prepared statement for each set of changed columns met (a bit per column): an import's rows
    // change the same few sets of columns, so there are only a handful.
    private readonly Dictionary<ulong, BulkCommand> _statements = [];

    private readonly CopiedUpdate? _copied;
    private object?[]? _current;

    public BulkUpdate(PartnerStagesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _table = new BulkTable(db, typeof(TEntity));
        var key = _table.EntityType.FindPrimaryKey()!.Properties is [{ } single] ? single
            : throw new NotSupportedException($"{typeof(TEntity).Name} has a composite key, which a bulk update does not handle.");
        var version = _table.EntityType.FindProperty(PartnerStagesDbContext.RowVersion) is { IsConcurrencyToken: true } token ? token : null;
        _columns = BulkTable.ScalarProperties(_table.EntityType).Where(p => p != key && p != version).Select(p => new BulkColumn(p)).ToArray();
        if (_columns.Length > 64)
        {
            throw new NotSupportedException($"{typeof(TEntity).Name} has {_columns.Length} columns; a bulk update handles up to 64.");
        }

        _key = new BulkColumn(key);
        _version = version is null ? null : new BulkColumn(version);
        _stamp = Array.FindIndex(_columns, c => c.Property.Name == PartnerStagesDbContext.ChangedAtUtc);
        _db = db;
        _copied = _table.IsSqlite ? null : new CopiedUpdate(_table, _columns, _key, _version, Conflict);
    }

    // Keeps the row's values as read, which UpdateAsync compares the entity with.
    public void Remember(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var original = new object?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            original[i] = _columns[i].Snapshot(_columns[i].Read(entity));
        }

        _originals[entity] = original;
    }

    // Writes the columns the entity changed since it was remembered; false when it changed none.
    // claim: check and raise the row version even when no column changed, for a row that other rows
    // were written on the strength of (the check-ins judged on a partner's standing).
    public async Task<bool> UpdateAsync(TEntity entity, bool claim = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!_originals.TryGetValue(entity, out var original))
        {
            throw new InvalidOperationException($"This {typeof(TEntity).Name} was not remembered as read: call Remember when reading it, so that only its changes are written.");
        }

        // One array for every call: its values are bound or copied before the call returns.
        var current = _current ??= new object?[_columns.Length];
        var changed = 0UL;
        for (var i = 0; i < _columns.Length; i++)
        {
            current[i] = _columns[i].Read(entity);
            if (i != _stamp && !_columns[i].Same(original[i], current[i]))
            {
                changed |= 1UL << i;
            }
        }

        if (changed == 0 && !(claim && _version is not null))
        {
            return false;
        }

        // Written with every change, as SaveChanges writes it (PartnerStagesDbContext.ChangeStamp).
        if (_stamp >= 0)
        {
            current[_stamp] = _db.ChangeStamp();
            BulkTable.Store(_columns[_stamp].Property, entity, current[_stamp]);
            changed |= 1UL << _stamp;
        }

        var key = _key.Read(entity);
        var version = (int?)_version?.Read(entity);
        if (_copied is not null)
        {
            await _copied.AddAsync(changed, current, key, version, cancellationToken);
        }
        else
        {
            await UpdateNowAsync(changed, current, key, version, cancellationToken);
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                original[i] = _columns[i].Snapshot(current[i]);
            }
        }

        if (_version is not null)
        {
            BulkTable.Store(_version.Property, entity, version + 1);
        }

        return true;
    }

    // SQLite: the row's UPDATE for its set of changed columns, prepared once per set, run now.
    private async Task UpdateNowAsync(ulong changed, object?[] current, object? key, int? version, CancellationToken cancellationToken)
    {
        if (!_statements.TryGetValue(changed, out var statement))
        {
            _statements[changed] = statement = Prepare(changed);
        }

        // Slots: the changed columns in order, then the key, then the row version.
        var slot = 0;
        for (var i = 0; i < _columns.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                statement.Bind(slot++, current[i]);
            }
        }

        statement.Bind(slot++, key);
        if (_version is not null)
        {
            statement.Bind(slot, version);
        }

        if (await statement.ExecuteAsync(cancellationToken) != 1)
        {
            throw Conflict(key);
        }
    }

    // Writes the rows still held (PostgreSQL's); before the transaction commits.
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_copied is not null)
        {
            await _copied.FlushAsync(cancellationToken);
        }
    }

    private static DbUpdateConcurrencyException Conflict(object? key) =>
        new($"{typeof(TEntity).Name} {key} was changed or deleted by someone else since it was read.");

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            await statement.DisposeAsync();
        }
    }

    private BulkCommand Prepare(ulong changed)
    {
        var set = _columns.Where((_, i) => (changed & (1UL << i)) != 0).ToList();
        BulkColumn[] slots = _version is null ? [.. set, _key] : [.. set, _key, _version];
        return new BulkCommand(_table, slots, parameters =>
        {
            var assignments = set.Select((c, i) => $"{_table.Column(c.Property)} = {parameters[i]}").ToList();
            var where = $"{_table.Column(_key.Property)} = {parameters[set.Count]}";
            if (_version is not null)
            {
                var version = parameters[set.Count + 1];
                assignments.Add($"{_table.Column(_version.Property)} = {version} + 1");
                where += $" AND {_table.Column(_version.Property)} = {version}";
            }

            return $"UPDATE {_table.Name} SET {string.Join(", ", assignments)} WHERE {where}";
        });
    }
}
