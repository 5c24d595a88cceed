using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerStages.Data.Bulk;

// Inserts many new rows of one entity type inside the context's open transaction: on SQLite through
// one prepared INSERT a row, on PostgreSQL by binary COPY a batch at a time (BinaryCopy), so the last
// rows are only sure to be written after FlushAsync, which the caller awaits before it commits. For
// imports and the sample portfolio, where SaveChanges' tracking of every row costs several times the
// writing itself. Columns and value conversions come from the EF model, so a row lands exactly as
// SaveChanges would write it (a test compares the two column by column), and a generated key is set on
// the entity as it is added, as SaveChanges would set it. Only the entity's own columns are written:
// rows behind its navigations (a partner's contacts) are not.
public sealed class BulkInsert<TEntity> : IAsyncDisposable where TEntity : class
{
    private readonly BulkTable _table;
    private readonly BulkCommand? _command;
    private readonly BinaryCopy? _copy;
    private readonly BulkColumn[] _columns;
    private readonly IProperty? _generatedKey;
    private readonly bool _ownTable;
    private long? _lastKey;

    // table: write to another table with the entity's columns (a staging table), as for the entity's own.
    // writeFirst: writes the rows these rows point at (another bulk insert's FlushAsync), before each
    // batch of these lands: PostgreSQL checks foreign keys as each batch does.
    public BulkInsert(PartnerStagesDbContext db, string? table = null, Func<CancellationToken, Task>? writeFirst = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        _table = new BulkTable(db, typeof(TEntity), table);
        _ownTable = table is null;
        var key = _table.EntityType.FindPrimaryKey()!.Properties;
        _generatedKey = key is [{ ValueGenerated: ValueGenerated.OnAdd, PropertyInfo: not null } single] ? single : null;
        _columns = BulkTable.ScalarProperties(_table.EntityType).Select(p => new BulkColumn(p)).ToArray();
        if (_table.IsSqlite)
        {
            _command = new BulkCommand(_table, _columns, parameters =>
                $"INSERT INTO {_table.Name} ({string.Join(", ", _columns.Select(c => _table.Column(c.Property)))}) " +
                $"VALUES ({string.Join(", ", parameters)})");
        }
        else
        {
            _copy = new BinaryCopy(_table, _columns, _generatedKey, writeFirst);
        }
    }

    public async Task AddAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (_generatedKey is not null)
        {
            BulkTable.Store(_generatedKey, entity, _copy is not null ? await _copy.NextKeyAsync(cancellationToken)
                : _lastKey = (_lastKey ?? await HighestKeyAsync(cancellationToken)) + 1);
        }

        if (_copy is not null)
        {
            var values = new object?[_columns.Length];
            for (var i = 0; i < _columns.Length; i++)
            {
                values[i] = _columns[i].ToProvider(_columns[i].Read(entity));
            }

            await _copy.AddAsync(values, cancellationToken);
            return;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            _command!.Bind(i, _columns[i].Read(entity));
        }

        await _command!.ExecuteAsync(cancellationToken);
    }

    // Writes the rows still held (PostgreSQL's last batch); before the transaction commits.
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        _copy?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _command?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<long> HighestKeyAsync(CancellationToken cancellationToken)
    {
        await using var read = _table.CreateCommand();
        read.CommandText = "SELECT " + BulkTable.HighestKeySql(_table.Name, _table.Column(_generatedKey!),
            _ownTable ? _table.EntityType.GetTableName() : null);
        return Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
