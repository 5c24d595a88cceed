using System.Data.Common;
using Npgsql;

namespace PartnerStages.Data.Bulk;

// One prepared write of a bulk writer, executed once per row: a slot per value it takes, each bound
// from an entity's value through its column's conversion. On SQLite the values go straight to SQLite's
// own statement by position (SqliteStatement) when every slot's type allows; otherwise through the
// ADO.NET command with the model's parameters.
internal sealed class BulkCommand : IAsyncDisposable
{
    private readonly BulkColumn[] _slots;
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly SqliteStatement? _native;
    private readonly int[] _positions = [];

    // sql: the statement, given each slot's parameter name in slot order.
    public BulkCommand(BulkTable table, IReadOnlyList<BulkColumn> slots, Func<IReadOnlyList<string>, string> sql)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(sql);
        _slots = [.. slots];
        _command = table.CreateCommand();
        _parameters = _slots.Select(c => c.AddParameter(_command)).ToArray();
        _command.CommandText = sql(_parameters.Select(p => p.ParameterName).ToArray());
        if (table.IsSqlite && _slots.All(c => SqliteStatement.CanBind(c.ProviderType)))
        {
            _native = new SqliteStatement(_command.Connection!, _command.CommandText);
            _positions = _parameters.Select(p => _native.PositionOf(p.ParameterName)).ToArray();
        }
        else
        {
            _command.Prepare();
        }
    }

    // value: the entity's own value for the slot (its column converts it for the database).
    public void Bind(int slot, object? value)
    {
        if (_native is not null)
        {
            _native.Bind(_positions[slot], _slots[slot].ToProvider(value));
        }
        else
        {
            _slots[slot].Bind(_parameters[slot], value);
        }
    }

    // Runs it with the values bound; returns the rows it changed.
    public Task<int> ExecuteAsync(CancellationToken cancellationToken) =>
        _native is not null ? Task.FromResult(_native.Execute()) : _command.ExecuteNonQueryAsync(cancellationToken);

    // The statement with the values bound now, to be sent later in a batch with others (PostgreSQL).
    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(_command.CommandText);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(((NpgsqlParameter)parameter).Clone());
        }

        return command;
    }

    public ValueTask DisposeAsync()
    {
        _native?.Dispose();
        return _command.DisposeAsync();
    }
}
