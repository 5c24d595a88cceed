using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Rules;

namespace PartnerStages.Web.Tests.Services;

// Three partners over the real database:
//   Ash     contacts 3, co-sell 1, capability 80: index 57.5, Hopeful under v1, Soaring once the bar is 55
//   Beech   DespairInputs: Despair under both
//   Cherry  as Ash, but archived: not in today's portfolio
public sealed class RuleImpactServiceTests : ServiceTestBase
{
    private static readonly AssessmentInputs Ash = TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80);

    private static readonly RuleSet Draft = RuleSet.Default with
    {
        Version = 2,
        Soaring = RuleSet.Default.Soaring with { MaturityIndexAtLeast = 55 },
    };

    private readonly Dictionary<string, int> _ids = [];

    public override async Task ArrangeAsync()
    {
        _ids["Ash"] = await AddAssessedAsync("Ash", Ash);
        _ids["Beech"] = await AddAssessedAsync("Beech", TestData.DespairInputs);
        _ids["Cherry"] = await AddAssessedAsync("Cherry", Ash);
        await using var db = Database.CreateContext();
        (await db.Partners.SingleAsync(p => p.Id == _ids["Cherry"])).Archive(TestData.Today);
        await db.SaveChangesAsync();
    }

    private async Task<int> AddAssessedAsync(string name, AssessmentInputs inputs)
    {
        await using var db = Database.CreateContext();
        var partner = TestData.PartnerRow(name);
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        await Get<AssessmentService>().RecordAsync(TestData.Administrator, partner.Id, inputs, TestData.Today.AddDays(-5), null, partner.RowVersion);
        return partner.Id;
    }

    [Fact]
    public async Task Only_active_partners_latest_check_ins_are_counted_and_the_one_mover_is_in_its_cell()
    {
        Assert.Equal(57.5, DerivedSignals.ComputeMaturityIndex(Ash, RuleSet.Default));

        var impact = await Get<RuleImpactService>().ComputeAsync(TestData.Administrator, Draft);

        Assert.Equal((2, 1), (impact.Partners, impact.Moving));
        Assert.Equal([_ids["Ash"]], impact.PartnersMoving(Stage.Hopeful, Stage.Soaring));
        Assert.Equal([_ids["Beech"]], impact.PartnersMoving(Stage.Despair, Stage.Despair));
        Assert.Equal(1, impact.AfterPublishing(Stage.Soaring));
    }

    [Fact]
    public async Task A_cells_partners_come_with_both_verdicts_explained()
    {
        var service = Get<RuleImpactService>();
        var impact = await service.ComputeAsync(TestData.Administrator, Draft);

        var row = Assert.Single(await service.ExplainAsync(TestData.Administrator, Draft, impact.PartnersMoving(Stage.Hopeful, Stage.Soaring)));

        Assert.Equal(("Ash", Stage.Hopeful, Stage.Soaring, 1, 2), (row.Name, row.Before.Stage, row.After.Stage, row.Before.RuleSetVersion, row.After.RuleSetVersion));
        Assert.Contains(row.Before.EarlierRules.Single(r => r.Stage == Stage.Soaring).Conditions, c => c.Key == "MaturityIndex" && c.Threshold == 75);
    }

    [Fact]
    public async Task Channel_managers_and_executives_cannot_see_a_drafts_impact()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Get<RuleImpactService>().ComputeAsync(TestData.Manager, Draft));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Get<RuleImpactService>().ExplainAsync(TestData.Executive, Draft, [1]));
    }
}
