using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace PartnerStages.Data.Bulk;

// A bulk insert's rows on PostgreSQL: held in memory and sent a batch at a time by binary COPY, one
// round trip a batch where an INSERT costs one a row. COPY cannot hand back generated keys, so the
// keys come from the key column's own sequence, a block at a time, before the rows are sent.
internal sealed class BinaryCopy
{
    private const int BatchRows = 5_000;

    // Keys drawn and not used are lost when the transaction ends (a sequence never goes back), so the
    // blocks start small and grow with the rows written: at most about as many keys lost as used.
    private const int FirstKeyBlock = 16;
    private const int LargestKeyBlock = 1_000;

    private readonly BulkTable _table;
    private readonly NpgsqlConnection _connection;
    private readonly string _copySql;
    private readonly string _keySql;
    private readonly string[] _dataTypes;
    private readonly Func<CancellationToken, Task>? _writeFirst;
    private readonly List<object?[]> _rows = [];
    private readonly Queue<long> _keys = new();
    private int _keyBlock = FirstKeyBlock;

    // writeFirst: writes the rows these rows point at (foreign keys are checked as each batch lands).
    public BinaryCopy(BulkTable table, IReadOnlyList<BulkColumn> columns, IProperty? generatedKey, Func<CancellationToken, Task>? writeFirst)
        : this(table, table.Name, columns.Select(c => (table.Column(c.Property), DataType(c.Property))).ToList(), generatedKey, writeFirst)
    {
    }

    // into: another table (a temporary one); columns: its columns as SQL names them, with their types.
    public BinaryCopy(BulkTable table, string into, IReadOnlyList<(string Name, string DataType)> columns, IProperty? generatedKey = null,
        Func<CancellationToken, Task>? writeFirst = null)
    {
        _table = table;
        _connection = (NpgsqlConnection)table.Connection;
        _writeFirst = writeFirst;
        _copySql = $"COPY {into} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        // The sequence is looked up once (the materialised CTE): as an argument of nextval it would be
        // looked up again for every key, which costs about ten times the keys themselves.
        _keySql = generatedKey is null ? ""
            : $"WITH key_sequence AS MATERIALIZED (SELECT pg_get_serial_sequence('{table.Name.Replace("'", "''", StringComparison.Ordinal)}', " +
              $"'{generatedKey.GetColumnName()}')::regclass AS id) SELECT nextval(key_sequence.id) FROM key_sequence, generate_series(1, $1)";

        _dataTypes = columns.Select(c => c.DataType).ToArray();
    }

    // The column's type as PostgreSQL names it, without its length ("character varying(200)").
    public static string DataType(IProperty property) =>
        property.GetColumnType() is var type && type.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? type[..open].Trim() : type;

    public int Pending => _rows.Count;

    public async Task<long> NextKeyAsync(CancellationToken cancellationToken)
    {
        if (_keys.Count == 0)
        {
            await using var command = _table.CreateCommand();
            command.CommandText = _keySql;
            command.Parameters.Add(new NpgsqlParameter { Value = _keyBlock });
            _keyBlock = Math.Min(_keyBlock * 2, LargestKeyBlock);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _keys.Enqueue(reader.GetInt64(0));
            }
        }

        return _keys.Dequeue();
    }

    // values: the row's provider values, in column order; the array is kept until the batch is sent.
    public async Task AddAsync(object?[] values, CancellationToken cancellationToken)
    {
        _rows.Add(values);
        if (_rows.Count >= BatchRows)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_writeFirst is not null)
        {
            await _writeFirst(cancellationToken);
        }

        if (_rows.Count == 0)
        {
            return;
        }

        await using (var copy = await _connection.BeginBinaryImportAsync(_copySql, cancellationToken))
        {
            foreach (var row in _rows)
            {
                await copy.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await copy.WriteAsync(value, _dataTypes[i], cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _rows.Clear();
    }
}
