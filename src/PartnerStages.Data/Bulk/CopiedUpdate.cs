using System.Globalization;

namespace PartnerStages.Data.Bulk;

// A bulk update's rows on PostgreSQL, held and then written together: copied (binary COPY) into one
// temporary table and applied in one UPDATE … FROM that checks every row's version, a handful of round
// trips for thousands of rows where an UPDATE a row costs one. Each row carries the set of columns it
// changed; a column that not every row changed is written only where it did (the others keep what they
// hold), so a row's unchanged columns are left as they are, as SaveChanges leaves them.
internal sealed class CopiedUpdate(BulkTable table, BulkColumn[] columns, BulkColumn key, BulkColumn? version,
    Func<object?, Exception> conflict)
{
    // Enough for a month's check-ins on a large portfolio in one UPDATE (a statement per set of changed
    // columns, or per few thousand rows, cost more than the rows: each one scans the table again).
    private const int HeldRows = 25_000;
    private const string Temporary = "bulk_update";
    private const string ChangedColumn = "bulk_changed";

    private readonly List<HeldRow> _held = [];
    private readonly HashSet<object> _heldKeys = [];
    private ulong _changedBySome;
    private ulong _changedByAll = ulong.MaxValue;

    // current: the entity's values for every column; only the changed ones are kept.
    public async Task AddAsync(ulong changed, object?[] current, object? rowKey, int? rowVersion, CancellationToken cancellationToken)
    {
        // A row held already goes first: one UPDATE … FROM must not meet the same row twice.
        if (!_heldKeys.Add(rowKey!) || _heldKeys.Count > HeldRows)
        {
            await FlushAsync(cancellationToken);
            _heldKeys.Add(rowKey!);
        }

        // Only the changed columns' values, in column order.
        var values = new object?[System.Numerics.BitOperations.PopCount(changed)];
        var slot = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                values[slot++] = columns[i].ToProvider(current[i]);
            }
        }

        _held.Add(new HeldRow(changed, values, key.ToProvider(rowKey), version?.ToProvider(rowVersion)));
        _changedBySome |= changed;
        _changedByAll &= changed;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_held.Count > 0)
        {
            await ApplyAsync(cancellationToken);
        }

        _held.Clear();
        _heldKeys.Clear();
        _changedBySome = 0;
        _changedByAll = ulong.MaxValue;
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var set = Enumerable.Range(0, columns.Length).Where(i => (_changedBySome & (1UL << i)) != 0).ToArray();
        // Written where the row's own set says so; a column every row changed needs no test.
        var sometimes = set.Any(i => (_changedByAll & (1UL << i)) == 0);
        var copied = set.Select(i => columns[i]).Append(key).Concat(version is null ? [] : [version])
            .Select(c => (Name: table.Column(c.Property), DataType: BinaryCopy.DataType(c.Property))).ToList();
        var selected = string.Join(", ", copied.Select(c => c.Name)) + (sometimes ? $", 0::bigint AS {ChangedColumn}" : "");
        await ExecuteAsync($"CREATE TEMPORARY TABLE {Temporary} ON COMMIT DROP AS SELECT {selected} FROM {table.Name} WITH NO DATA", cancellationToken);

        var copy = new BinaryCopy(table, Temporary, sometimes ? [.. copied, (ChangedColumn, "bigint")] : copied);
        foreach (var row in _held)
        {
            var values = new object?[copied.Count + (sometimes ? 1 : 0)];
            var slot = 0;
            var held = 0;
            foreach (var i in set)
            {
                values[slot++] = (row.Changed & (1UL << i)) != 0 ? row.Values[held++] : null;
            }

            values[slot++] = row.Key;
            if (version is not null)
            {
                values[slot++] = row.Version;
            }

            if (sometimes)
            {
                values[slot] = unchecked((long)row.Changed);
            }

            await copy.AddAsync(values, cancellationToken);
        }

        await copy.FlushAsync(cancellationToken);
        var k = table.Column(key.Property);
        var assignments = set.Select(i => table.Column(columns[i].Property) is var c && (_changedByAll & (1UL << i)) != 0
            ? $"{c} = t.{c}"
            : $"{c} = CASE WHEN t.{ChangedColumn} & {unchecked((long)(1UL << i)).ToString(CultureInfo.InvariantCulture)} <> 0 THEN t.{c} ELSE p.{c} END").ToList();
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
            $"UPDATE {table.Name} AS p SET {string.Join(", ", assignments)} FROM {Temporary} AS t WHERE {matches}", cancellationToken);
        object? refused = null;
        if (updated != _held.Count)
        {
            await using var find = table.CreateCommand();
            find.CommandText = $"SELECT t.{k} FROM {Temporary} AS t WHERE NOT EXISTS (SELECT 1 FROM {table.Name} AS p WHERE {written}) LIMIT 1";
            refused = await find.ExecuteScalarAsync(cancellationToken);
        }

        await ExecuteAsync($"DROP TABLE {Temporary}", cancellationToken);
        if (updated != _held.Count)
        {
            throw conflict(refused);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = table.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A row's changed columns (a bit each), their provider values in column order, its key and version as read.
    private sealed record HeldRow(ulong Changed, object?[] Values, object? Key, object? Version);
}
