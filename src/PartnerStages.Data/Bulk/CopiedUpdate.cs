using System.Globalization;

namespace PartnerStages.Data.Bulk;

// A bulk update's rows on PostgreSQL, held and then written together: the rows of each set of changed
// columns copied (binary COPY) into a temporary table and applied in one UPDATE … FROM that checks
// every row's version, a handful of round trips for thousands of rows where an UPDATE a row costs one.
internal sealed class CopiedUpdate(BulkTable table, BulkColumn[] columns, BulkColumn key, BulkColumn? version,
    Func<object?, Exception> conflict)
{
    private const int HeldRows = 5_000;

    private readonly Dictionary<ulong, List<object?[]>> _held = [];
    private readonly HashSet<object> _heldKeys = [];

    // current: the entity's values for every column; only the changed ones are kept.
    public async Task AddAsync(ulong changed, object?[] current, object? rowKey, int? rowVersion, CancellationToken cancellationToken)
    {
        // A row held already goes first: one UPDATE … FROM must not meet the same row twice.
        if (!_heldKeys.Add(rowKey!) || _heldKeys.Count > HeldRows)
        {
            await FlushAsync(cancellationToken);
            _heldKeys.Add(rowKey!);
        }

        var values = new List<object?>(columns.Length + 2);
        for (var i = 0; i < columns.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                values.Add(columns[i].ToProvider(current[i]));
            }
        }

        values.Add(key.ToProvider(rowKey));
        if (version is not null)
        {
            values.Add(version.ToProvider(rowVersion));
        }

        (_held.TryGetValue(changed, out var rows) ? rows : _held[changed] = []).Add([.. values]);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (changed, rows) in _held)
        {
            await ApplyAsync(changed, rows, cancellationToken);
        }

        _held.Clear();
        _heldKeys.Clear();
    }

    private async Task ApplyAsync(ulong changed, List<object?[]> rows, CancellationToken cancellationToken)
    {
        var set = columns.Where((_, i) => (changed & (1UL << i)) != 0).ToList();
        BulkColumn[] copied = version is null ? [.. set, key] : [.. set, key, version];
        var temporary = "bulk_update_" + changed.ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync($"CREATE TEMPORARY TABLE {temporary} ON COMMIT DROP AS " +
            $"SELECT {string.Join(", ", copied.Select(c => table.Column(c.Property)))} FROM {table.Name} WITH NO DATA", cancellationToken);

        var copy = new BinaryCopy(table, copied, generatedKey: null, writeFirst: null, into: temporary);
        foreach (var row in rows)
        {
            await copy.AddAsync(row, cancellationToken);
        }

        await copy.FlushAsync(cancellationToken);
        var k = table.Column(key.Property);
        var assignments = set.Select(c => $"{table.Column(c.Property)} = t.{table.Column(c.Property)}").ToList();
        var matches = $"p.{k} = t.{k}";
        var written = $"p.{k} = t.{k}";
        if (version is not null)
        {
            var v = table.Column(version.Property);
            assignments.Add($"{v} = p.{v} + 1");
            matches += $" AND p.{v} = t.{v}";
            written += $" AND p.{v} = t.{v} + 1";
        }

        var updated = await ExecuteAsync(
            $"UPDATE {table.Name} AS p SET {string.Join(", ", assignments)} FROM {temporary} AS t WHERE {matches}", cancellationToken);
        if (updated != rows.Count)
        {
            await using var find = table.CreateCommand();
            find.CommandText = $"SELECT t.{k} FROM {temporary} AS t WHERE NOT EXISTS (SELECT 1 FROM {table.Name} AS p WHERE {written}) LIMIT 1";
            throw conflict(await find.ExecuteScalarAsync(cancellationToken));
        }

        await ExecuteAsync($"DROP TABLE {temporary}", cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = table.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
