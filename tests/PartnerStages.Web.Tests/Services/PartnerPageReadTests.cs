using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

// The partner page's reads are compiled queries; one process may hold several models (SQLite's and
// PostgreSQL's, as the browser tests do with the scale-out instances beside the others).
public sealed class PartnerPageReadTests : ServiceTestBase
{
    [PostgreSqlFact("Needs a PostgreSQL database beside the SQLite one, in one process")]
    public async Task The_partner_page_reads_work_on_SQLite_and_PostgreSQL_in_one_process()
    {
        var onPostgreSql = await ReadPartnerPageAsync(Get<PartnerService>(), Get<AssessmentService>());

        var folder = Path.Combine(Path.GetTempPath(), "partnerstages-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var services = new ServiceCollection().AddLogging()
                .AddPartnerStagesData(_ => PartnerStagesDatabase.Sqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "test.db") }.ToString()))
                .BuildServiceProvider();
            await using (services)
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                await using (var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PartnerStagesDbContext>>().CreateDbContext())
                {
                    db.Users.Add(TestData.User(TestData.Manager));
                    await db.SaveChangesAsync();
                }

                var onSqlite = await ReadPartnerPageAsync(scope.ServiceProvider.GetRequiredService<PartnerService>(),
                    scope.ServiceProvider.GetRequiredService<AssessmentService>());
                Assert.Equal(onPostgreSql, onSqlite);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Name, string Owner, int CheckIns)> ReadPartnerPageAsync(PartnerService partners, AssessmentService assessments)
    {
        var id = await partners.CreateAsync(TestData.Manager, new PartnerInput
        {
            Name = "Proseware", Region = "EMEA", SolutionArea = SolutionArea.Security, ProgrammeLevel = ProgrammeLevel.Member,
            JoinedProgrammeOn = new DateOnly(2024, 1, 15),
        });
        var page = (await partners.GetPageAsync(id))!;
        var timeline = await assessments.GetTimelineAsync(id);
        Assert.Equal((await partners.GetAsync(id))!.RowVersion, page.Partner.RowVersion);
        return (page.Partner.Name, page.Partner.OwnerName, timeline.Assessments.Count);
    }
}
