using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

// Each flag on a portfolio built for it (today is 2026-11-26): the flag catches exactly the partners
// its definition names, and none that only look alarming.
//   New       added 2026-11-20, never checked in                        not overdue (counts from 20 Nov)
//   Forgotten added 2026-05-01, never checked in                        overdue
//   Lapsed    last check-in 2026-08-01                                  overdue (117 days)
//   Recent    last check-in 2026-09-01                                  not overdue (86 days)
//   Dipping   index down 2 points at its last check-in, Plateau since Oct not at risk (a small dip; Plateau is a move, not a risk)
//   Sliding   index down 6 points                                       at risk
//   Pending   regression to Despair awaiting confirmation               at risk
public sealed class SignalDefinitionTests : ServiceTestBase
{
    public override async Task ArrangeAsync()
    {
        await using var db = Database.CreateContext();
        var joined = new DateOnly(2023, 1, 1);
        Partner Add(string name, DateOnly addedOn, DateOnly? lastCheckIn = null, double? momentum = null)
        {
            var partner = new Partner(name, "EMEA", SolutionArea.DataAndAi, ProgrammeLevel.Member, joined, TestData.ManagerId, addedOn);
            if (lastCheckIn is { } on)
            {
                partner.RecordStage(Stage.Hopeful, on, null, null);
                partner.MarkAssessed(on, momentum);
            }

            db.Partners.Add(partner);
            return partner;
        }

        Add("New", D(2026, 11, 20));
        Add("Forgotten", D(2026, 5, 1));
        Add("Lapsed", D(2024, 1, 1), D(2026, 8, 1), 1);
        Add("Recent", D(2024, 1, 1), D(2026, 9, 1), 1);
        var dipping = Add("Dipping", D(2024, 1, 1), D(2026, 11, 1), -2);
        dipping.RecordStage(Stage.Plateau, D(2026, 10, 1), null, null);
        Add("Sliding", D(2024, 1, 1), D(2026, 11, 2), -6);
        var pending = Add("Pending", D(2024, 1, 1), D(2026, 11, 3), 1);
        pending.RecordStage(Stage.Hopeful, D(2026, 11, 3), Stage.Despair, null);
        await db.SaveChangesAsync();
        db.StageChanges.Add(new StageChange(dipping.Id, Stage.Soaring, Stage.Plateau, D(2026, 10, 1), StageChangeCause.Rules, null,
            TestData.AdministratorId, null, D(2026, 10, 1).ToDateTime(TimeOnly.MinValue)));
        await db.SaveChangesAsync();
    }

    private async Task<string[]> NamesAsync(PartnerQuery query) =>
        (await Get<PartnerService>().ListAsync(query)).Rows.Select(r => r.Name).Order().ToArray();

    [Fact]
    public async Task Overdue_counts_from_the_last_check_in_or_from_the_day_a_partner_was_added()
    {
        Assert.Equal(["Forgotten", "Lapsed"], await NamesAsync(new PartnerQuery { OverdueOnly = true }));

        var rows = (await Get<PartnerService>().ListAsync(new PartnerQuery())).Rows;
        Assert.Equal(["Forgotten", "Lapsed"], rows.Where(r => r.IsOverdue(TestData.Today)).Select(r => r.Name).Order());
    }

    [Fact]
    public async Task At_risk_flags_a_pending_regression_or_a_fall_of_five_points_and_nothing_else()
    {
        Assert.Equal(["Pending", "Sliding"], await NamesAsync(new PartnerQuery { AtRiskOnly = true }));

        var figures = await Get<DashboardService>().GetFlaggedAsync(new DashboardFilter { From = D(2026, 1, 1), To = TestData.Today });
        Assert.Equal(["Pending", "Sliding"], figures.AtRisk.First.Select(p => p.Name).Order());
        Assert.Equal(["Forgotten", "Lapsed"], figures.Overdue.First.Select(p => p.Name).Order());
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
