using Microsoft.EntityFrameworkCore;
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
    private readonly BulkCommand _command;
    private readonly BulkColumn[] _columns;
    private readonly IProperty? _generatedKey;
    private readonly bool _keysHandedOut;
    private readonly bool _ownTable;
    private long? _lastKey;
    private readonly IProperty? _stamp;
    private readonly PartnerStagesDbContext _db;

    // table: write to another table with the entity's columns (a staging table), as for the entity's own.
    public BulkInsert(PartnerStagesDbContext db, string? table = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        _table = new BulkTable(db, typeof(TEntity), table);
        _ownTable = table is null;
        _db = db;
        _stamp = _table.EntityType.FindProperty(PartnerStagesDbContext.ChangedAtUtc);
        var key = _table.EntityType.FindPrimaryKey()!.Properties;
        _generatedKey = key is [{ ValueGenerated: ValueGenerated.OnAdd, PropertyInfo: not null } single] ? single : null;
        _keysHandedOut = _generatedKey is not null && _table.IsSqlite;
        _columns = BulkTable.ScalarProperties(_table.EntityType).Where(p => p != _generatedKey || _keysHandedOut)
            .Select(p => new BulkColumn(p)).ToArray();
        var returnsKey = _generatedKey is not null && !_keysHandedOut;
        _command = new BulkCommand(_table, _columns, parameters =>
            $"INSERT INTO {_table.Name} ({string.Join(", ", _columns.Select(c => _table.Column(c.Property)))}) " +
            $"VALUES ({string.Join(", ", parameters)})" +
            (returnsKey ? $" RETURNING {_table.Column(_generatedKey!)}" : ""), returnsKey);
    }

    public async Task AddAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (_keysHandedOut)
        {
            _lastKey = (_lastKey ?? await HighestKeyAsync(cancellationToken)) + 1;
            BulkTable.Store(_generatedKey!, entity, _lastKey);
        }

        if (_stamp is not null && _ownTable)
        {
            BulkTable.Store(_stamp, entity, _db.ChangeStamp());
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            _command.Bind(i, _columns[i].Read(entity));
        }

        if (_generatedKey is null || _keysHandedOut)
        {
            await _command.ExecuteAsync(cancellationToken);
        }
        else
        {
            BulkTable.Store(_generatedKey, entity, await _command.ExecuteScalarAsync(cancellationToken));
        }
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private async Task<long> HighestKeyAsync(CancellationToken cancellationToken)
    {
        await using var read = _table.CreateCommand();
        read.CommandText = "SELECT " + BulkTable.HighestKeySql(_table.Name, _table.Column(_generatedKey!),
            _ownTable ? _table.EntityType.GetTableName() : null);
        return Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
