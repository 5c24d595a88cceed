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

    // Elm: three check-ins, the newest voided. The one judged is the middle one; under a draft that
    // weighs the index differently its momentum compares with the first under the draft's weights.
    [Fact]
    public async Task The_latest_standing_check_in_is_judged_and_a_reweighted_draft_compares_with_the_one_before_it()
    {
        var first = TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 60, alignment: 2);
        var latest = TestData.Inputs(fieldContacts: 3, coSell: 1, capability: 80, alignment: 5);
        await using (var db = Database.CreateContext())
        {
            db.Partners.Add(TestData.PartnerRow("Elm"));
            await db.SaveChangesAsync();
        }

        var assessments = Get<AssessmentService>();
        async Task<int> RecordAsync(AssessmentInputs inputs, int daysAgo)
        {
            await using var db = Database.CreateContext();
            var elm = await db.Partners.SingleAsync(p => p.Name == "Elm");
            return (await assessments.RecordAsync(TestData.Administrator, elm.Id, inputs, TestData.Today.AddDays(-daysAgo), null, elm.RowVersion)).AssessmentId;
        }

        await RecordAsync(first, 20);
        await RecordAsync(latest, 10);
        await assessments.VoidAsync(TestData.Administrator, await RecordAsync(TestData.DespairInputs, 5), "Typed into the wrong partner");
        var reweighted = RuleSet.Default with
        {
            Version = 2,
            Weights = RuleSet.Default.Weights with { GoalAlignment = 0.25, ProgrammeFluency = 0.05, Agility = 0.05 },
        };
        await using var read = Database.CreateContext();
        var elmId = await read.Partners.Where(p => p.Name == "Elm").Select(p => p.Id).SingleAsync();

        var row = Assert.Single(await Get<RuleImpactService>().ExplainAsync(TestData.Administrator, reweighted, [elmId]));
        var impact = await Get<RuleImpactService>().ComputeAsync(TestData.Administrator, reweighted);

        Assert.Equal(TestData.Today.AddDays(-10), row.AssessedOn);
        Assert.Equal(DerivedSignals.ComputeMomentum(DerivedSignals.ComputeMaturityIndex(latest, RuleSet.Default), DerivedSignals.ComputeMaturityIndex(first, RuleSet.Default)),
            row.Before.Momentum);
        Assert.Equal(DerivedSignals.ComputeMomentum(DerivedSignals.ComputeMaturityIndex(latest, reweighted), DerivedSignals.ComputeMaturityIndex(first, reweighted)),
            row.After.Momentum);
        Assert.NotEqual(row.Before.Momentum, row.After.Momentum);
        Assert.Equal(3, impact.Partners);
    }

    [Fact]
    public async Task Channel_managers_and_executives_cannot_see_a_drafts_impact()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Get<RuleImpactService>().ComputeAsync(TestData.Manager, Draft));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Get<RuleImpactService>().ExplainAsync(TestData.Executive, Draft, [1]));
    }

    [Fact]
    public async Task Publishing_with_re_evaluation_moves_what_the_impact_predicted_in_one_go_with_its_own_cause_and_audit()
    {
        var lab = Get<RuleSetService>();
        var number = await lab.StartDraftAsync(TestData.Administrator, 1);
        var draft = await lab.GetAsync(TestData.Administrator, number);
        var version = await lab.SaveDraftAsync(TestData.Administrator, number, Draft with { Version = number }, draft.RowVersion);
        var predicted = await Get<RuleImpactService>().ComputeAsync(TestData.Administrator, Draft with { Version = number });
        int ashVersion;
        await using (var before = Database.CreateContext())
        {
            ashVersion = await before.Partners.Where(p => p.Id == _ids["Ash"]).Select(p => p.RowVersion).SingleAsync();
        }

        var result = await Get<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, version, reevaluate: true);

        Assert.Equal((2, 1, 1, 1, 0), (result.Number, result.Retired, result.Reevaluated, result.Moved, result.Pending));
        Assert.Equal(2, (await Get<RuleSetStore>().GetActiveAsync()).Version);
        await using var db = Database.CreateContext();
        var ash = await db.Partners.SingleAsync(p => p.Id == _ids["Ash"]);
        Assert.Equal(Stage.Soaring, ash.CurrentStage);
        // Raised, so a manager editing Ash meanwhile is told rather than overwriting the new stage.
        Assert.Equal(ashVersion + 1, ash.RowVersion);
        Assert.Equal(predicted.AfterPublishing(Stage.Soaring),
            await db.Partners.CountAsync(p => !p.IsArchived && p.CurrentStage == Stage.Soaring));
        var change = await db.StageChanges.OrderBy(c => c.Id).LastAsync();
        Assert.Equal((StageChangeCause.RuleSetPublished, "rule set v2 published", Stage.Hopeful, Stage.Soaring),
            (change.Cause, change.Reason, change.From, change.To));
        var audits = await db.AuditEntries.Where(a => a.Action == Core.Audit.AuditAction.RuleSetPublished).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["RuleSet", "Partner"], audits.Select(a => a.EntityType));
        Assert.Contains("Soaring.MaturityIndexAtLeast", audits[0].After, StringComparison.Ordinal);
        Assert.Equal([RuleSetStatus.Retired, RuleSetStatus.Active], await db.RuleSets.OrderBy(r => r.Number).Select(r => r.Status).ToListAsync());
        Assert.Contains(await db.PortfolioChanges.ToListAsync(), c => c.IsEverything);
    }

    [Fact]
    public async Task Publishing_without_re_evaluation_leaves_every_stage_as_it_is_and_an_invalid_draft_is_refused()
    {
        var lab = Get<RuleSetService>();
        var number = await lab.StartDraftAsync(TestData.Administrator, 1);
        var draft = await lab.GetAsync(TestData.Administrator, number);
        var broken = await lab.SaveDraftAsync(TestData.Administrator, number,
            draft.Rules with { Soaring = draft.Rules.Soaring with { MaturityIndexAtLeast = 101 } }, draft.RowVersion);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Get<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, broken, reevaluate: false));
        Assert.Equal("Soaring.MaturityIndexAtLeast", refused.Field);

        var fixedVersion = await lab.SaveDraftAsync(TestData.Administrator, number, Draft with { Version = number }, broken);
        var result = await Get<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, fixedVersion, reevaluate: false);

        Assert.Equal(0, result.Reevaluated);
        await using var db = Database.CreateContext();
        Assert.Equal(Stage.Hopeful, (await db.Partners.SingleAsync(p => p.Id == _ids["Ash"])).CurrentStage);
    }
}
