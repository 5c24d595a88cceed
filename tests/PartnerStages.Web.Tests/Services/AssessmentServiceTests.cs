using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

public sealed class AssessmentServiceTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();
    private AssessmentService Assessments => Get<AssessmentService>();

    private async Task<int> NewPartnerAsync() => await Partners.CreateAsync(TestData.Manager, TestData.Partner());

    private async Task<RecordedAssessment> AssessAsync(int partnerId, AssessmentInputs inputs, Actor? actor = null, int? rowVersion = null,
        DateOnly? on = null) =>
        await Assessments.RecordAsync(actor ?? TestData.Manager, partnerId, inputs, on ?? TestData.Today, "Check-in notes",
            rowVersion ?? (await Partners.GetAsync(partnerId))!.RowVersion);

    private async Task<PartnerDetails> PartnerAsync(int id) => (await Partners.GetAsync(id))!;

    [Fact]
    public async Task The_first_assessment_sets_the_stage_and_records_why()
    {
        var id = await NewPartnerAsync();

        var recorded = await AssessAsync(id, TestData.DenialInputs);

        Assert.Equal((Stage.Denial, StageOutcome.Started), (recorded.CurrentStage, recorded.Outcome));
        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Denial, TestData.Today, TestData.Today), (partner.CurrentStage, partner.StageSince, partner.LastAssessedOn));
        var timeline = await Assessments.GetTimelineAsync(id);
        var change = Assert.Single(timeline.StageChanges);
        Assert.Equal((null, Stage.Denial, StageChangeCause.Rules), (change.From, change.To, change.Cause));
        Assert.Equal(Stage.Denial, timeline.LatestVerdict!.Stage);
        Assert.Equal(RuleSet.Default.Version, timeline.LatestVerdict.RuleSetVersion);
    }

    [Fact]
    public async Task An_improvement_applies_at_once()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.DenialInputs);

        var recorded = await AssessAsync(id, TestData.Inputs());

        Assert.Equal((Stage.Hopeful, StageOutcome.Improved), (recorded.CurrentStage, recorded.Outcome));
        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Hopeful, Stage.Denial), (partner.CurrentStage, partner.PreviousStage));
    }

    [Fact]
    public async Task A_regression_stays_pending_until_the_owner_confirms_it()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.Inputs());

        var recorded = await AssessAsync(id, TestData.DespairInputs);

        Assert.Equal((Stage.Hopeful, Stage.Despair, StageOutcome.RegressionPending),
            (recorded.CurrentStage, recorded.PendingRegression, recorded.Outcome));
        Assert.Equal((Stage.Hopeful, Stage.Despair), ((await PartnerAsync(id)).CurrentStage, (await PartnerAsync(id)).PendingRegression));

        await Assessments.ConfirmRegressionAsync(TestData.Manager, id, (await PartnerAsync(id)).RowVersion);

        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Despair, (Stage?)null), (partner.CurrentStage, partner.PendingRegression));
        var latest = (await Assessments.GetTimelineAsync(id)).StageChanges[0];
        Assert.Equal((Stage.Hopeful, Stage.Despair, StageChangeCause.ConfirmedRegression), (latest.From, latest.To, latest.Cause));
    }

    [Fact]
    public async Task A_repeated_regression_verdict_confirms_it()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.Inputs());
        await AssessAsync(id, TestData.DespairInputs);

        var recorded = await AssessAsync(id, TestData.DespairInputs);

        Assert.Equal((Stage.Despair, StageOutcome.RegressionConfirmedByRepeat), (recorded.CurrentStage, recorded.Outcome));
        Assert.Null((await PartnerAsync(id)).PendingRegression);
    }

    [Fact]
    public async Task Dismissing_a_regression_keeps_the_stage()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.Inputs());
        await AssessAsync(id, TestData.DespairInputs);

        await Assessments.DismissRegressionAsync(TestData.Manager, id, (await PartnerAsync(id)).RowVersion);

        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Hopeful, (Stage?)null), (partner.CurrentStage, partner.PendingRegression));
    }

    [Fact]
    public async Task The_form_is_refused_up_front_to_whoever_may_not_assess_the_partner_and_for_an_archived_one()
    {
        var id = await NewPartnerAsync();

        var notTheirs = await Assert.ThrowsAsync<PermissionDeniedException>(() => Assessments.GetContextAsync(TestData.OtherManager, id));
        Assert.Equal($"You cannot assess this partner: only its owner ({TestData.DisplayName(TestData.Manager)}) or an administrator can.", notTheirs.Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Assessments.GetContextAsync(TestData.Executive, id));
        Assert.Equal(id, (await Assessments.GetContextAsync(TestData.Administrator, id)).PartnerId);

        await Partners.ArchiveAsync(TestData.Manager, id, (await PartnerAsync(id)).RowVersion);
        var archived = await Assert.ThrowsAsync<DomainException>(() => Assessments.GetContextAsync(TestData.Manager, id));
        Assert.Equal("This partner is archived: restore it before assessing it.", archived.Message);
    }

    [Fact]
    public async Task Voiding_a_later_check_in_keeps_a_regression_the_owner_dismissed_dismissed()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.Inputs(), on: TestData.Today.AddDays(-3));
        await AssessAsync(id, TestData.DespairInputs, on: TestData.Today.AddDays(-2));
        await Assessments.DismissRegressionAsync(TestData.Manager, id, (await PartnerAsync(id)).RowVersion);
        var mistaken = await AssessAsync(id, TestData.Inputs(), on: TestData.Today.AddDays(-1));

        await Assessments.VoidAsync(TestData.Manager, mistaken.AssessmentId, "Entered for the wrong partner");

        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Hopeful, (Stage?)null), (partner.CurrentStage, partner.PendingRegression));
    }

    [Fact]
    public async Task An_override_sets_the_stage_with_its_reason_and_needs_one()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.DenialInputs);

        var version = (await PartnerAsync(id)).RowVersion;
        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            Assessments.OverrideAsync(TestData.Manager, id, Stage.Hopeful, "  ", version));
        Assert.Equal("Reason", missing.Field);

        await Assessments.OverrideAsync(TestData.Manager, id, Stage.Hopeful, "Signed a three-year practice plan", (await PartnerAsync(id)).RowVersion);

        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Hopeful, "Signed a three-year practice plan"), (partner.CurrentStage, partner.OverrideReason));
        var change = (await Assessments.GetTimelineAsync(id)).StageChanges[0];
        Assert.Equal((StageChangeCause.Override, "Signed a three-year practice plan"), (change.Cause, change.Reason));
    }

    [Fact]
    public async Task Voiding_the_latest_assessment_recomputes_the_stage()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.DenialInputs);
        var mistaken = await AssessAsync(id, TestData.Inputs());

        await Assessments.VoidAsync(TestData.Manager, mistaken.AssessmentId, "Entered for the wrong partner");

        var partner = await PartnerAsync(id);
        Assert.Equal(Stage.Denial, partner.CurrentStage);
        var timeline = await Assessments.GetTimelineAsync(id);
        Assert.True(timeline.Assessments.Single(a => a.Id == mistaken.AssessmentId).IsVoided);
        Assert.Equal(Stage.Denial, timeline.LatestVerdict!.Stage);
        Assert.Equal((Stage.Hopeful, Stage.Denial, StageChangeCause.Voided),
            (timeline.StageChanges[0].From, timeline.StageChanges[0].To, timeline.StageChanges[0].Cause));
    }

    [Fact]
    public async Task Voiding_keeps_an_override_made_after_the_remaining_assessments()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.DenialInputs);
        await Assessments.OverrideAsync(TestData.Manager, id, Stage.Despair, "Knows the programme now", (await PartnerAsync(id)).RowVersion);
        var mistaken = await AssessAsync(id, TestData.Inputs());

        await Assessments.VoidAsync(TestData.Manager, mistaken.AssessmentId, "Duplicate entry");

        var partner = await PartnerAsync(id);
        Assert.Equal((Stage.Despair, "Knows the programme now"), (partner.CurrentStage, partner.OverrideReason));
    }

    [Fact]
    public async Task Voiding_the_only_assessment_leaves_the_partner_unassessed()
    {
        var id = await NewPartnerAsync();
        var only = await AssessAsync(id, TestData.Inputs());

        await Assessments.VoidAsync(TestData.Manager, only.AssessmentId, "Test entry");

        var partner = await PartnerAsync(id);
        Assert.Equal(((Stage?)null, (DateOnly?)null), (partner.CurrentStage, partner.LastAssessedOn));
    }

    [Fact]
    public async Task A_void_needs_a_reason()
    {
        var id = await NewPartnerAsync();
        var recorded = await AssessAsync(id, TestData.Inputs());

        var error = await Assert.ThrowsAsync<DomainException>(() => Assessments.VoidAsync(TestData.Manager, recorded.AssessmentId, ""));

        Assert.Equal("Give a reason for voiding the assessment.", error.Message);
    }

    [Fact]
    public async Task Managers_assess_only_their_own_partners_and_executives_none()
    {
        var id = await NewPartnerAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => AssessAsync(id, TestData.Inputs(), TestData.OtherManager));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => AssessAsync(id, TestData.Inputs(), TestData.Executive));
        var recorded = await AssessAsync(id, TestData.Inputs(), TestData.Administrator);
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Assessments.VoidAsync(TestData.OtherManager, recorded.AssessmentId, "Not mine to void"));
        await Assert.ThrowsAsync<PermissionDeniedException>(async () =>
            await Assessments.OverrideAsync(TestData.Executive, id, Stage.Soaring, "Executive wish", (await PartnerAsync(id)).RowVersion));

        Assert.Single((await Assessments.GetTimelineAsync(id)).Assessments);
    }

    [Fact]
    public async Task An_assessment_on_a_stale_partner_is_refused_and_nothing_is_written()
    {
        var id = await NewPartnerAsync();
        var stale = (await PartnerAsync(id)).RowVersion;
        await Partners.UpdateAsync(TestData.Administrator, id, TestData.Partner(region: "APAC"), stale);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AssessAsync(id, TestData.Inputs(), rowVersion: stale));

        Assert.Empty((await Assessments.GetTimelineAsync(id)).Assessments);
        Assert.Null((await PartnerAsync(id)).CurrentStage);
    }

    [Fact]
    public async Task A_failure_mid_way_leaves_nothing_behind()
    {
        var id = await NewPartnerAsync();
        var before = await PartnerAsync(id);
        // The stage-change row is written after the assessment and the partner update: make it fail.
        await Database.RefuseInsertsAsync("StageChanges", "disk on fire");

        await Assert.ThrowsAsync<DbUpdateException>(() => AssessAsync(id, TestData.Inputs()));

        var after = await PartnerAsync(id);
        Assert.Equal((before.CurrentStage, before.LastAssessedOn, before.RowVersion), (after.CurrentStage, after.LastAssessedOn, after.RowVersion));
        await using var check = Database.CreateContext();
        Assert.False(await check.Assessments.AnyAsync());
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditAction.Assessed));
    }

    [Fact]
    public async Task Out_of_range_ratings_and_future_dates_are_refused_with_the_field_named()
    {
        var id = await NewPartnerAsync();

        var rating = await Assert.ThrowsAsync<DomainException>(() => AssessAsync(id, TestData.Inputs(fluency: 6)));
        var future = await Assert.ThrowsAsync<DomainException>(() => AssessAsync(id, TestData.Inputs(), on: TestData.Today.AddDays(1)));

        Assert.Equal((nameof(AssessmentInputs.ProgrammeFluency), "Programme fluency must be between 1 and 5."), (rating.Field, rating.Message));
        Assert.Equal(nameof(Assessment.AssessedOn), future.Field);
    }

    [Fact]
    public async Task Recording_an_assessment_writes_one_audit_entry_in_the_same_save()
    {
        var id = await NewPartnerAsync();

        await AssessAsync(id, TestData.DenialInputs);

        await using var db = Database.CreateContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Assessed);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Contains("\"CurrentStage\":null", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"CurrentStage\":", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_falling_index_marks_the_partner_and_voiding_the_fall_clears_it()
    {
        var id = await NewPartnerAsync();
        await AssessAsync(id, TestData.SoaringInputs);
        var fall = await AssessAsync(id, TestData.Inputs(fluency: 3, delivery: 3, conviction: 3, agility: 3, alignment: 2));
        var falling = new PartnerQuery { FallingOnly = true };

        Assert.True(fall.Verdict.Momentum < 0);
        Assert.Equal(1, (await Partners.ListAsync(falling)).Total);

        await Assessments.VoidAsync(TestData.Manager, fall.AssessmentId, "Typed into the wrong partner");

        Assert.Equal(0, (await Partners.ListAsync(falling)).Total);
    }

    // What the rules remember of a partner lives on its row: its latest verdict that stands, that
    // verdict's index, and the healthiest verdict it ever had, whatever was voided on the way.
    [Fact]
    public async Task The_partner_row_remembers_its_latest_standing_verdict_and_its_peak()
    {
        var soared = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Soared"));
        var corrected = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Corrected"));
        var fresh = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Fresh"));
        var peak = await AssessAsync(soared, TestData.SoaringInputs, on: TestData.Today.AddMonths(-2));
        var latest = await AssessAsync(soared, TestData.Inputs(), on: TestData.Today.AddMonths(-1));
        var standing = await AssessAsync(corrected, TestData.DenialInputs, on: TestData.Today.AddMonths(-1));
        var mistaken = await AssessAsync(corrected, TestData.SoaringInputs);
        await Assessments.VoidAsync(TestData.Manager, mistaken.AssessmentId, "Entered twice");
        Assert.Equal((Stage.Soaring, Stage.Plateau, Stage.Denial), (peak.Verdict.Stage, latest.Verdict.Stage, standing.Verdict.Stage));

        await using var db = Database.CreateContext();
        var rows = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => (p.LatestVerdictStage, p.LatestMaturityIndex, p.PeakVerdictStage));

        Assert.Equal((Stage.Plateau, latest.Verdict.MaturityIndex, Stage.Soaring), rows[soared]);
        Assert.Equal((Stage.Denial, standing.Verdict.MaturityIndex, Stage.Denial), rows[corrected]);
        Assert.Equal(((Stage?)null, (double?)null, (Stage?)null), rows[fresh]);
    }
}
