using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Data;

namespace PartnerStages.Web.Tests;

// A real, migrated database for component and service tests, on the run's provider (TestProvider): a
// SQLite file in a folder of its own, or a fresh PostgreSQL database; deleted (dropped) on dispose.
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        Directory.CreateDirectory(_folder);
        Database = TestProvider.IsPostgreSql
            ? PartnerStagesDatabase.PostgreSql(PostgresTestServer.CreateDatabase())
            : PartnerStagesDatabase.Sqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "test.db") }.ToString());
    }

    public PartnerStagesDatabase Database { get; }

    public string ConnectionString => Database.ConnectionString;

    // Registers the real data services over the file and prepares it as the app does at start-up
    // (migrations, rule set v1).
    public async Task RegisterAsync(IServiceCollection services)
    {
        services.AddLogging();
        services.AddPartnerStagesData(_ => Database);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    // The real data services over the file on the fixed clock, with the file left as it is: for
    // tests of start-up itself (migrations, upgrades), which prepare it themselves.
    public ServiceProvider CreateUnpreparedServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPartnerStagesData(_ => Database);
        services.AddSingleton<TimeProvider>(new FixedClock(TestData.Today));
        return services.BuildServiceProvider();
    }

    // The one place the cast of users (TestData.Cast) is written to a test database.
    public async Task AddCastAsync()
    {
        await using var db = CreateContext();
        foreach (var member in TestData.Cast)
        {
            db.Users.Add(TestData.User(member));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = member.UserId, RoleId = member.Roles.Single().ToLowerInvariant() });
        }

        await db.SaveChangesAsync();
    }

    public PartnerStagesDbContext CreateContext() => Database.CreateContext();

    // Makes the database refuse every insert into the table once it holds rowsFirst rows, with the
    // message: a failure half-way through a write, in each provider's own trigger language.
    public async Task RefuseInsertsAsync(string table, string message, int rowsFirst = 0)
    {
        await using var db = CreateContext();
        await RefuseInsertsAsync(db, table, message, rowsFirst);
    }

    // The same, on any context: for tests of a whole app host, which has no TestDatabase.
    public static async Task RefuseInsertsAsync(PartnerStagesDbContext db, string table, string message, int rowsFirst = 0)
    {
        var name = "refuse_" + table.ToLowerInvariant();
#pragma warning disable EF1002, EF1003 // DDL cannot take parameters; the table and message are the test's own
        if (TestProvider.IsPostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync($$"""
                CREATE FUNCTION {{name}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF (SELECT COUNT(*) FROM "{{table}}") >= {{rowsFirst}} THEN RAISE EXCEPTION '{{message}}'; END IF;
                    RETURN NEW;
                END $fn$;
                CREATE TRIGGER {{name}} BEFORE INSERT ON "{{table}}" FOR EACH ROW EXECUTE FUNCTION {{name}}();
                """);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" WHEN (SELECT COUNT(*) FROM \"{table}\") >= {rowsFirst} " +
                $"BEGIN SELECT RAISE(ABORT, '{message}'); END;");
        }
    }

    // Undoes RefuseInsertsAsync.
    public static async Task AllowInsertsAsync(PartnerStagesDbContext db, string table)
    {
        var name = "refuse_" + table.ToLowerInvariant();
        await db.Database.ExecuteSqlRawAsync(TestProvider.IsPostgreSql
            ? $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();"
            : $"DROP TRIGGER {name};");
#pragma warning restore EF1002, EF1003
    }

    // A dashboard figure is computed once for every circuit that asks (DashboardCache), so a test that
    // ends while a panel is still loading leaves that computation running: it may open the file (and
    // create its -wal and -shm) while the folder is being deleted. Give it a few chances to finish.
    public async ValueTask DisposeAsync()
    {
        if (TestProvider.IsPostgreSql)
        {
            PostgresTestServer.DropDatabase(ConnectionString);
        }

        for (var attempt = 1; ; attempt++)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}
