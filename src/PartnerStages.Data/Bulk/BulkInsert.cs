using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerStages.Data.Bulk;

// Inserts many new rows of one entity type through one prepared INSERT inside the context's open
// transaction. For imports and the sample portfolio, where SaveChanges' tracking of every row costs
// several times the writing itself. Columns, value conversions and parameter types all come from the
// EF model, so a row lands exactly as SaveChanges would write it (a test compares the two column by
// column), and a generated key is set on the entity as SaveChanges would set it. Only the entity's
// own columns are written: rows behind its navigations (a partner's contacts) are not.
public sealed class BulkInsert<TEntity> : IAsyncDisposable where TEntity : class
{
    private readonly BulkTable _table;
    private readonly BulkParameter[] _columns;
    private readonly IProperty? _generatedKey;

    public BulkInsert(PartnerStagesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _table = new BulkTable(db, typeof(TEntity));
        var key = _table.EntityType.FindPrimaryKey()!.Properties;
        _generatedKey = key is [{ ValueGenerated: ValueGenerated.OnAdd, PropertyInfo: not null } single] ? single : null;
        _columns = BulkTable.ScalarProperties(_table.EntityType).Where(p => p != _generatedKey).Select(_table.Parameter).ToArray();
        _table.Command.CommandText =
            $"INSERT INTO {_table.Name} ({string.Join(", ", _columns.Select(c => _table.Column(c.Property)))}) " +
            $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})" +
            (_generatedKey is null ? "" : ReadGeneratedKey(_table.Column(_generatedKey)));
        _table.Command.Prepare();
    }

    public async Task AddAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var column in _columns)
        {
            column.Bind(entity);
        }

        if (_generatedKey is null)
        {
            await _table.Command.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            BulkTable.Store(_generatedKey, entity, await _table.Command.ExecuteScalarAsync(cancellationToken));
        }
    }

    public ValueTask DisposeAsync() => _table.Command.DisposeAsync();

    // SQLite runs an INSERT with RETURNING at about half the speed of the same INSERT followed by a
    // read of the new row id (measured: 150,000 assessments in 4.5 s against 2.5 s).
    private string ReadGeneratedKey(string keyColumn) =>
        _table.IsSqlite ? "; SELECT last_insert_rowid()" : $" RETURNING {keyColumn}";
}
