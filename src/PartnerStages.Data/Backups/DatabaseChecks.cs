using Microsoft.Data.Sqlite;

namespace PartnerStages.Data.Backups;

// What a backup must pass before it is kept, and a file before it is restored.
public static class DatabaseChecks
{
    // EF Core's table of applied migrations: a file without it is not this app's database.
    private const string MigrationsTable = "__EFMigrationsHistory";

    // Null when PRAGMA integrity_check answers "ok", else what it found (the first few problems).
    public static async Task<string?> IntegrityProblemsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check(5);";
        var rows = new List<string>();
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows is ["ok"] ? null : string.Join("; ", rows);
    }

    public static async Task<int> AppliedMigrationsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var table = connection.CreateCommand();
        table.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        table.Parameters.AddWithValue("$name", MigrationsTable);
        if (Convert.ToInt64(await table.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{MigrationsTable}\";";
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
