using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerStages.Data;
using PartnerStages.Data.Backups;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

public sealed class PostgreSqlSchemaTests : ServiceTestBase
{
    private sealed record Column(string TableName, string ColumnName, string DataType);

    [PostgreSqlFact("Reads PostgreSQL's catalog and the PostgreSQL-only refusals")]
    public async Task Every_instant_is_a_timestamptz_and_every_business_day_a_date()
    {
        await using var db = Database.CreateContext();
        var columns = (await db.Database.SqlQuery<Column>($"""
            SELECT table_name AS "TableName", column_name AS "ColumnName", data_type AS "DataType"
            FROM information_schema.columns WHERE table_schema = 'public'
            """).ToListAsync()).ToDictionary(c => (c.TableName, c.ColumnName), c => c.DataType);

        var checkedColumns = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())))
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                var expected = type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "timestamp with time zone"
                    : type == typeof(DateOnly) ? "date"
                    : null;
                if (expected is not null)
                {
                    Assert.Equal((table, property.GetColumnName(), expected), (table, property.GetColumnName(), columns[(table, property.GetColumnName())]));
                    checkedColumns++;
                }
            }
        }

        Assert.True(checkedColumns >= 10, $"Only {checkedColumns} date and time columns were found.");
    }

    [PostgreSqlFact("Reads PostgreSQL's catalog and the PostgreSQL-only refusals")]
    public async Task Partner_names_are_unique_through_one_index_on_the_normalized_name()
    {
        await using var db = Database.CreateContext();

        var definition = await db.Database.SqlQuery<string>($"""
            SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename = 'Partners' AND indexdef LIKE '%UNIQUE%' AND indexname NOT LIKE 'PK%'
            """).SingleAsync();

        Assert.Contains("(\"NormalizedName\")", definition, StringComparison.Ordinal);
    }

    [PostgreSqlFact("Reads PostgreSQL's catalog and the PostgreSQL-only refusals")]
    public async Task A_backup_is_refused_as_the_database_servers_job()
    {
        var backups = new BackupService(Get<PartnerStagesDatabase>(), Get<IDbContextFactory<PartnerStagesDbContext>>(), Get<TimeProvider>(),
            Options.Create(new BackupOptions { Folder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", "never-" + Guid.NewGuid().ToString("N")) }),
            NullLogger<BackupService>.Instance);

        var error = await Assert.ThrowsAsync<BackupFailedException>(() => backups.BackUpAsync(TestData.Administrator));

        Assert.False(backups.IsAvailable);
        Assert.Contains("database server's job", error.Message, StringComparison.Ordinal);
    }
}
