using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerStages.Data;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PartnerStages.Web.Tests;

// The database this test run uses: SQLite, unless PARTNERSTAGES_TEST_PROVIDER says PostgreSql. tests/run.sh
// runs this project once on each, the second time against the throw-away cluster it starts
// (PARTNERSTAGES_TEST_POSTGRES: a superuser connection string to it).
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        PartnerStagesDatabase.ParseProvider(Environment.GetEnvironmentVariable("PARTNERSTAGES_TEST_PROVIDER"));

    public static bool IsPostgreSql => Current == DatabaseProvider.PostgreSql;
}

// A fresh PostgreSQL database per test database, copied from a template that the migrations ran on
// once per test process (a copy takes a fraction of what migrating does); dropped when the test ends.
public static class PostgresTestServer
{
    private static readonly Lazy<string> Server = new(() =>
        Environment.GetEnvironmentVariable("PARTNERSTAGES_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "Tests on PostgreSQL need a server: PARTNERSTAGES_TEST_POSTGRES names none. Run the tests through tests/run.sh, which starts one."));

    private static readonly Lazy<string> Template = new(CreateTemplate);

    public static string CreateDatabase()
    {
        var name = "partnerstages_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return ConnectionString(name);
    }

    public static void DropDatabase(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server.Value) { Database = database, IncludeErrorDetail = true }.ToString();

    private static string CreateTemplate()
    {
        var name = $"partnerstages_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        var template = ConnectionString(name);
        using (var db = PartnerStagesDatabase.PostgreSql(template).CreateContext())
        {
            db.Database.Migrate();
        }

        // A database with connections open cannot be copied.
        using (var connection = new NpgsqlConnection(template))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // tests/run.sh removes the whole cluster afterwards; this keeps a long-lived one tidy.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // The server may already be gone; a failure here must not crash the test host.
            }
        };
        return name;
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

// On a test class (or method) that holds on SQLite only, with the reason: what it tests is the SQLite
// file itself (backups, WAL, a deleted file, the SQLite upgrade path). The PostgreSQL run leaves out
// the trait Provider=SqliteOnly; the SQLite run keeps it.
[TraitDiscoverer("PartnerStages.Web.Tests.SqliteOnlyDiscoverer", "PartnerStages.Web.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SqliteOnlyAttribute(string reason) : Attribute, ITraitAttribute
{
    public string Reason { get; } = reason;
}

public sealed class SqliteOnlyDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Provider", "SqliteOnly");
    }
}

// A test that holds on PostgreSQL only, with the reason. The SQLite run of tests/run.sh leaves out
// Provider=PostgreSqlOnly; run anywhere else on SQLite (a bare `dotnet test`), it is skipped, saying
// so, instead of failing for want of a server.
[TraitDiscoverer("PartnerStages.Web.Tests.PostgreSqlOnlyDiscoverer", "PartnerStages.Web.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute, ITraitAttribute
{
    public PostgreSqlFactAttribute(string reason)
    {
        Reason = reason;
        if (!TestProvider.IsPostgreSql)
        {
            Skip = $"PostgreSQL only ({reason}); tests/run.sh runs it on a throw-away PostgreSQL cluster (PARTNERSTAGES_TEST_PROVIDER=PostgreSql).";
        }
    }

    public string Reason { get; }
}

public sealed class PostgreSqlOnlyDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Provider", "PostgreSqlOnly");
    }
}
