using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Rules;

namespace PartnerStages.Web.Tests.Services;

public sealed class RuleSetServiceTests : ServiceTestBase
{
    private RuleSetService Service => Get<RuleSetService>();

    [Fact]
    public async Task Only_an_administrator_sees_or_changes_rule_sets()
    {
        foreach (var member in new[] { TestData.Manager, TestData.Executive })
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.ListVersionsAsync(member));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.GetAsync(member, 1));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => Service.StartDraftAsync(member, 1));
        }
    }

    [Fact]
    public async Task A_draft_copies_its_source_under_the_next_number_and_the_list_shows_both_with_their_check_ins()
    {
        await using (var db = Database.CreateContext())
        {
            db.Partners.Add(TestData.PartnerRow());
            await db.SaveChangesAsync();
        }

        var partner = (await Database.CreateContext().Partners.SingleAsync()).Id;
        var recorder = Get<PartnerStages.Data.Assessments.AssessmentService>();
        await recorder.RecordAsync(TestData.Administrator, partner, TestData.Inputs(), TestData.Today.AddDays(-3), null,
            (await Database.CreateContext().Partners.SingleAsync()).RowVersion);

        var number = await Service.StartDraftAsync(TestData.Administrator, 1);
        var versions = await Service.ListVersionsAsync(TestData.Administrator);

        Assert.Equal(2, number);
        Assert.Equal([(2, RuleSetStatus.Draft, 0), (1, RuleSetStatus.Active, 1)], versions.Select(v => (v.Number, v.Status, v.CheckIns)));
        Assert.Equal(("Ada Admin", (string?)null), (versions[0].CreatedBy, versions[0].PublishedBy));
        // The seeded version was made and published by no person: it says so, not "—" or an id.
        Assert.Equal((RuleSetService.BuiltIn, (string?)RuleSetService.BuiltIn), (versions[1].CreatedBy, versions[1].PublishedBy));
        var draft = await Service.GetAsync(TestData.Administrator, 2);
        Assert.Equal(RuleSet.Default with { Version = 2, Playbook = draft.Rules.Playbook }, draft.Rules);
        Assert.Empty(RuleSetDiff.Between(RuleSet.Default, draft.Rules));
    }

    [Fact]
    public async Task Saving_keeps_invalid_values_for_later_and_audits_the_fields_that_changed()
    {
        var number = await Service.StartDraftAsync(TestData.Administrator, 1);
        var draft = await Service.GetAsync(TestData.Administrator, number);

        var next = await Service.SaveDraftAsync(TestData.Administrator, number,
            draft.Rules with { Soaring = draft.Rules.Soaring with { MaturityIndexAtLeast = 150 } }, draft.RowVersion);

        Assert.Equal(draft.RowVersion + 1, next);
        Assert.Equal(150, (await Service.GetAsync(TestData.Administrator, number)).Rules.Soaring.MaturityIndexAtLeast);
        await using var db = Database.CreateContext();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal((AuditAction.Edited, "RuleSet"), (entry.Action, entry.EntityType));
        Assert.Contains("Soaring.MaturityIndexAtLeast", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_version_cannot_be_edited_or_deleted()
    {
        var active = await Service.GetAsync(TestData.Administrator, 1);

        await Assert.ThrowsAsync<Core.DomainException>(() => Service.SaveDraftAsync(TestData.Administrator, 1, active.Rules, active.RowVersion));
        await Assert.ThrowsAsync<Core.DomainException>(() => Service.DeleteDraftAsync(TestData.Administrator, 1, active.RowVersion));
    }

    [Fact]
    public async Task A_draft_is_deleted_only_from_the_version_it_was_read_at()
    {
        var number = await Service.StartDraftAsync(TestData.Administrator, 1);
        var draft = await Service.GetAsync(TestData.Administrator, number);
        await Service.SaveDraftAsync(TestData.Administrator, number, draft.Rules, draft.RowVersion);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.DeleteDraftAsync(TestData.Administrator, number, draft.RowVersion));
        await Service.DeleteDraftAsync(TestData.Administrator, number, draft.RowVersion + 1);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(TestData.Administrator, number));
    }
}
