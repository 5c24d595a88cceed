using Microsoft.Data.Sqlite;

namespace PartnerStages.Benchmarks.Import;

// Rows of one table exactly as SQLite returns them, written back through one prepared command:
// what the hand-written baselines write.
internal sealed record TableRows(string Table, string[] Columns, List<object[]> Rows)
{
    public static TableRows Empty { get; } = new("", [], []);

    public static async Task<TableRows> ReadAsync(SqliteConnection connection, string table, long afterId)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" > $after ORDER BY \"Id\"";
        select.Parameters.AddWithValue("$after", afterId);
        await using var reader = await select.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return new TableRows(table, columns, rows);
    }

    public static async Task<long> MaxIdAsync(SqliteConnection connection, string table)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
        return (long)(await select.ExecuteScalarAsync())!;
    }

    public Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction) => WriteAsync(connection, transaction,
        $"INSERT INTO \"{Table}\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})");

    public Task UpdateByIdAsync(SqliteConnection connection, SqliteTransaction transaction) => WriteAsync(connection, transaction,
        $"UPDATE \"{Table}\" SET {string.Join(", ", Columns.Select((c, i) => (c, i)).Where(c => c.c != "Id").Select(c => $"\"{c.c}\" = $p{c.i}"))} " +
        $"WHERE \"Id\" = $p{Array.IndexOf(Columns, "Id")}");

    private async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            await command.ExecuteNonQueryAsync();
        }
    }
}
