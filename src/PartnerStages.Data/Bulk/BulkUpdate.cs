using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerStages.Data.Bulk;

// Writes back many changed rows of one entity type, read without tracking, through one prepared
// UPDATE inside the context's open transaction: every column from the entity, as SaveChanges writes
// a row (a test compares the two). Concurrency works as in SaveChanges: the row must still carry the
// row version the entity was read with, and the update raises it by one, on the entity too.
public sealed class BulkUpdate<TEntity> : IAsyncDisposable where TEntity : class
{
    private readonly BulkTable _table;
    private readonly BulkParameter[] _columns;
    private readonly BulkParameter _key;
    private readonly BulkParameter? _version;

    public BulkUpdate(PartnerStagesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _table = new BulkTable(db, typeof(TEntity));
        var key = _table.EntityType.FindPrimaryKey()!.Properties is [{ } single] ? single
            : throw new NotSupportedException($"{typeof(TEntity).Name} has a composite key, which a bulk update does not handle.");
        var version = _table.EntityType.FindProperty(PartnerStagesDbContext.RowVersion) is { IsConcurrencyToken: true } token ? token : null;
        _columns = BulkTable.ScalarProperties(_table.EntityType).Where(p => p != key && p != version).Select(_table.Parameter).ToArray();
        _key = _table.Parameter(key);
        _version = version is null ? null : _table.Parameter(version);

        var set = _columns.Select(c => $"{_table.Column(c.Property)} = {c.Name}").ToList();
        var where = $"{_table.Column(key)} = {_key.Name}";
        if (_version is not null)
        {
            set.Add($"{_table.Column(_version.Property)} = {_version.Name} + 1");
            where += $" AND {_table.Column(_version.Property)} = {_version.Name}";
        }

        _table.Command.CommandText = $"UPDATE {_table.Name} SET {string.Join(", ", set)} WHERE {where}";
        _table.Command.Prepare();
    }

    public async Task UpdateAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var column in _columns)
        {
            column.Bind(entity);
        }

        var key = _key.Bind(entity);
        var version = (int?)_version?.Bind(entity);
        if (await _table.Command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new DbUpdateConcurrencyException($"{typeof(TEntity).Name} {key} was changed or deleted by someone else since it was read.");
        }

        if (_version is not null)
        {
            BulkTable.Store(_version.Property, entity, version + 1);
        }
    }

    public ValueTask DisposeAsync() => _table.Command.DisposeAsync();
}
