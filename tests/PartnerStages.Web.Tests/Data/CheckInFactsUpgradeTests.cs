using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Samples;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

// A database of the first release, which stored each verdict's explanation as JSON, upgrades in
// place: the history each check-in was judged on moves into columns, every explanation derives
// again word for word, and the partner rows learn what the rules remember.
[SqliteOnly("Upgrades first-release SQLite databases; no PostgreSQL database predates its one initial migration")]
public sealed class CheckInFactsUpgradeTests : IAsyncLifetime
{
    private const string Owner = "owner-1";
    private readonly TestDatabase _database = new();
    private ServiceProvider _provider = default!;

    public Task InitializeAsync()
    {
        _provider = _database.CreateUnpreparedServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_first_release_database_upgrades_and_every_explanation_derives_again_word_for_word()
    {
        var stored = await CreateFirstReleaseDatabaseAsync(partners: 25);

        await using (var scope = _provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        await using var db = _database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var assessments = await db.Assessments.AsNoTracking().ToListAsync();
        Assert.Equal(stored.Count, assessments.Count);
        foreach (var assessment in assessments)
        {
            Assert.Equal(stored[assessment.Id], assessment.Explain(RuleSet.Default).ToJson());
        }

        // The partner page's "why" is the latest standing check-in's, as the stored JSON said.
        var service = _provider.GetRequiredService<AssessmentService>();
        foreach (var partner in await db.Partners.AsNoTracking().ToListAsync())
        {
            var standing = assessments.Where(a => a.PartnerId == partner.Id && !a.IsVoided).OrderBy(a => a.AssessedOn).ThenBy(a => a.Id).ToList();
            var timeline = await service.GetTimelineAsync(partner.Id);
            Assert.Equal(stored[standing[^1].Id], timeline.LatestVerdict!.ToJson());
            Assert.Equal((standing[^1].Verdict.Stage, standing[^1].Verdict.MaturityIndex, standing.Select(a => a.Verdict.Stage).MaxBy(s => s.HealthRank())),
                (partner.LatestVerdictStage!.Value, partner.LatestMaturityIndex!.Value, partner.PeakVerdictStage!.Value));
        }
    }

    // The portfolio generator's check-ins written the way the first release wrote them: the rules'
    // full explanation in VerdictExplanation. The last check-in of every third partner is voided.
    private async Task<Dictionary<int, string>> CreateFirstReleaseDatabaseAsync(int partners)
    {
        await using (var db = _database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial");
        }

        var portfolio = SamplePortfolio.Generate(SamplePortfolioLoader.DefaultSeed, partners, TestData.Today, RuleSet.Default);
        var explanations = new Dictionary<int, string>();
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await InsertAsync(connection, "AspNetUsers", new()
        {
            ["Id"] = Owner, ["DisplayName"] = "Owner", ["PrefersDarkMode"] = 0, ["EmailConfirmed"] = 1, ["PhoneNumberConfirmed"] = 0,
            ["TwoFactorEnabled"] = 0, ["LockoutEnabled"] = 1, ["AccessFailedCount"] = 0,
        });
        await InsertAsync(connection, "RuleSets", new()
        {
            ["Number"] = RuleSet.Default.Version, ["Json"] = RuleSet.Default.ToJson(), ["Status"] = "Active", ["CreatedById"] = "system",
            ["CreatedAtUtc"] = "2026-01-01 00:00:00", ["PublishedAtUtc"] = "2026-01-01 00:00:00", ["RowVersion"] = 0,
        });

        var assessmentId = 0;
        for (var p = 0; p < portfolio.Partners.Count; p++)
        {
            var sample = portfolio.Partners[p];
            await InsertAsync(connection, "Partners", new()
            {
                ["Id"] = p + 1, ["Name"] = sample.Name, ["NormalizedName"] = sample.Name.ToUpperInvariant(), ["Region"] = sample.Region,
                ["SolutionArea"] = sample.SolutionArea.ToString(), ["ProgrammeLevel"] = sample.ProgrammeLevel.ToString(),
                ["JoinedProgrammeOn"] = Day(sample.JoinedOn), ["OwnerId"] = Owner, ["IsArchived"] = 0, ["RowVersion"] = 0,
                ["CurrentStage"] = sample.CheckIns[^1].StatusAfter.Current.ToString(), ["LastAssessedOn"] = Day(sample.CheckIns[^1].On),
            });
            for (var c = 0; c < sample.CheckIns.Count; c++)
            {
                var checkIn = sample.CheckIns[c];
                var voided = p % 3 == 0 && c == sample.CheckIns.Count - 1 && c > 0;
                explanations[++assessmentId] = checkIn.Verdict.ToJson();
                var inputs = checkIn.Inputs;
                await InsertAsync(connection, "Assessments", new()
                {
                    ["Id"] = assessmentId, ["PartnerId"] = p + 1, ["AssessedOn"] = Day(checkIn.On), ["AssessorId"] = Owner,
                    ["RecordedAtUtc"] = "2026-01-01 00:00:00", ["VoidedAtUtc"] = voided ? "2026-02-01 00:00:00" : null,
                    ["VoidedById"] = voided ? Owner : null, ["VoidReason"] = voided ? "Entered twice" : null, ["RowVersion"] = 0,
                    ["Inputs_ActiveFieldContacts"] = inputs.ActiveFieldContacts, ["Inputs_Agility"] = inputs.Agility, ["Inputs_Awards"] = inputs.Awards,
                    ["Inputs_CapabilityScore"] = inputs.CapabilityScore, ["Inputs_CertifiedPeople"] = inputs.CertifiedPeople,
                    ["Inputs_CoSellWins"] = inputs.CoSellWins, ["Inputs_DeliveryConfidence"] = inputs.DeliveryConfidence,
                    ["Inputs_GoalAlignment"] = inputs.GoalAlignment, ["Inputs_InvestmentConviction"] = inputs.InvestmentConviction,
                    ["Inputs_NetCustomerAdds"] = inputs.NetCustomerAdds, ["Inputs_ProgrammeFluency"] = inputs.ProgrammeFluency,
                    ["VerdictExplanation"] = checkIn.Verdict.ToJson(), ["MaturityIndex"] = checkIn.Verdict.MaturityIndex,
                    ["Momentum"] = checkIn.Verdict.Momentum, ["RuleSetVersion"] = checkIn.Verdict.RuleSetVersion,
                    ["VerdictStage"] = checkIn.Verdict.Stage.ToString(),
                });
            }
        }

        await transaction.CommitAsync();
        Assert.True(explanations.Count > partners * 5, "The sample has months of history per partner.");
        return explanations;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object?> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", row.Keys.Select(k => $"\"{k}\""))}) " +
            $"VALUES ({string.Join(", ", row.Keys.Select(k => "$" + k))})";
        foreach (var (column, value) in row)
        {
            command.Parameters.AddWithValue("$" + column, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
