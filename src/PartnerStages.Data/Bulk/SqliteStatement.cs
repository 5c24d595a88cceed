using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PartnerStages.Data.Bulk;

// A statement prepared on SQLite itself and bound by position, for the bulk writers' many executions
// of one statement. Microsoft.Data.Sqlite binds every parameter of every execution by its name (a
// UTF-8 copy of the name and a search through the statement's names apiece, then a reader for the
// result): for a 30-column row that is most of what a bulk write costs beyond SQLite's own work.
// Values are bound as Microsoft.Data.Sqlite binds them, for the provider types below; a table with a
// column of any other type keeps the ADO.NET command (CanBind).
internal sealed class SqliteStatement : IDisposable
{
    // As Microsoft.Data.Sqlite writes them (and EF Core's SQLite provider reads them back).
    private const string DateFormat = @"yyyy\-MM\-dd";
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(DbConnection connection, string sql)
    {
        _database = ((SqliteConnection)connection).Handle
            ?? throw new InvalidOperationException("The connection is not open.");
        var result = raw.sqlite3_prepare_v2(_database, sql, out _statement);
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    // The provider types bound here exactly as Microsoft.Data.Sqlite binds them.
    public static bool CanBind(Type providerType) =>
        (Nullable.GetUnderlyingType(providerType) ?? providerType) is var type
        && (type == typeof(string) || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte)
            || type == typeof(bool) || type == typeof(double) || type == typeof(float) || type == typeof(DateOnly) || type == typeof(DateTime));

    // Where a named parameter sits (from 1), for Bind; a name used twice has one position.
    public int PositionOf(string parameterName)
    {
        var position = raw.sqlite3_bind_parameter_index(_statement, parameterName);
        return position > 0 ? position : throw new ArgumentException($"The statement has no parameter {parameterName}.", nameof(parameterName));
    }

    // position counts from 1; value is the provider value (after the model's conversion), or null.
    public void Bind(int position, object? value)
    {
        Span<char> text = stackalloc char[32];
        var result = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, position),
            string s => raw.sqlite3_bind_text16(_statement, position, s.AsSpan()),
            long n => raw.sqlite3_bind_int64(_statement, position, n),
            int n => raw.sqlite3_bind_int64(_statement, position, n),
            short n => raw.sqlite3_bind_int64(_statement, position, n),
            byte n => raw.sqlite3_bind_int64(_statement, position, n),
            bool b => raw.sqlite3_bind_int64(_statement, position, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(_statement, position, d),
            float f => raw.sqlite3_bind_double(_statement, position, f),
            DateOnly d when d.TryFormat(text, out var length, DateFormat, CultureInfo.InvariantCulture) =>
                raw.sqlite3_bind_text16(_statement, position, text[..length]),
            DateTime t when t.TryFormat(text, out var length, DateTimeFormat, CultureInfo.InvariantCulture) =>
                raw.sqlite3_bind_text16(_statement, position, text[..length]),
            _ => throw new NotSupportedException($"A bulk write cannot bind a {value.GetType().Name} to SQLite by position."),
        };
        Check(result);
    }

    // Runs the statement once with the values bound and returns the rows it changed; a refused row
    // throws as Microsoft.Data.Sqlite would.
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
