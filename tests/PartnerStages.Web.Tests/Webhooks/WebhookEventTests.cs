using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerStages.Core;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Data.Rules;
using PartnerStages.Data.Webhooks;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Webhooks;

// Each write that an event tells of puts it in the outbox, in its own transaction, with its payload.
public sealed class WebhookEventTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();
    private AssessmentService Assessments => Get<AssessmentService>();

    private async Task<int> VersionAsync(int id) => (await Partners.GetAsync(id))!.RowVersion;

    private async Task<List<(string Type, JsonElement Payload)>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        var rows = await db.WebhookOutbox.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Type, m.Body }).ToListAsync();
        return rows.Select(r => (r.Type, JsonDocument.Parse(r.Body).RootElement)).ToList();
    }

    private async Task<int> CheckInAsync(int partnerId, Core.Assessments.AssessmentInputs inputs) =>
        (await Assessments.RecordAsync(TestData.Manager, partnerId, inputs, TestData.Today, null, await VersionAsync(partnerId))).AssessmentId;

    [Fact]
    public async Task A_check_in_that_moves_the_stage_writes_partner_stage_changed_with_its_payload()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Fabrikam"));

        var assessmentId = await CheckInAsync(id, TestData.Inputs());

        var (type, payload) = Assert.Single(await OutboxAsync());
        Assert.Equal(WebhookEvents.StageChanged, type);
        Assert.Equal(WebhookEvents.StageChanged, payload.GetProperty("type").GetString());
        Assert.True(payload.TryGetProperty("timestamp", out _));
        var data = payload.GetProperty("data");
        Assert.Equal(id, data.GetProperty("partnerId").GetInt32());
        Assert.Equal("Fabrikam", data.GetProperty("partnerName").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("from").ValueKind);
        Assert.Equal("Hopeful", data.GetProperty("to").GetString());
        Assert.Equal("Rules", data.GetProperty("cause").GetString());
        Assert.Equal(assessmentId, data.GetProperty("assessmentId").GetInt32());
        Assert.Equal("2026-11-26", data.GetProperty("changedOn").GetString());
    }

    [Fact]
    public async Task A_regression_held_pending_writes_assessment_regression_pending_and_its_confirmation_a_stage_change()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        await CheckInAsync(id, TestData.Inputs());

        var assessmentId = await CheckInAsync(id, TestData.DespairInputs);
        var pending = (await OutboxAsync()).Skip(1).ToList();
        await Assessments.ConfirmRegressionAsync(TestData.Manager, id, await VersionAsync(id));
        await Assessments.OverrideAsync(TestData.Manager, id, Stage.Soaring, "Won partner of the year", await VersionAsync(id));

        var (type, payload) = Assert.Single(pending);
        Assert.Equal(WebhookEvents.RegressionPending, type);
        Assert.Equal(assessmentId, payload.GetProperty("data").GetProperty("assessmentId").GetInt32());
        Assert.Equal("Despair", payload.GetProperty("data").GetProperty("pendingStage").GetString());
        Assert.Equal("Hopeful", payload.GetProperty("data").GetProperty("currentStage").GetString());
        var later = (await OutboxAsync()).Skip(2).ToList();
        Assert.Equal([WebhookEvents.StageChanged, WebhookEvents.StageChanged], later.Select(e => e.Type));
        Assert.Equal(["ConfirmedRegression", "Override"], later.Select(e => e.Payload.GetProperty("data").GetProperty("cause").GetString()));
        Assert.Equal(["Despair", "Soaring"], later.Select(e => e.Payload.GetProperty("data").GetProperty("to").GetString()));
    }

    [Fact]
    public async Task Voiding_the_check_in_that_moved_the_stage_writes_the_move_back()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        await CheckInAsync(id, TestData.Inputs());
        var soaring = await CheckInAsync(id, TestData.SoaringInputs);

        await Assessments.VoidAsync(TestData.Manager, soaring, "Entered for the wrong partner");

        var data = (await OutboxAsync()).Last().Payload.GetProperty("data");
        Assert.Equal(("Soaring", "Hopeful", "Voided", soaring), (data.GetProperty("from").GetString(), data.GetProperty("to").GetString(),
            data.GetProperty("cause").GetString(), data.GetProperty("assessmentId").GetInt32()));
        Assert.Equal(3, (await OutboxAsync()).Count(e => e.Type == WebhookEvents.StageChanged));
    }

    [Fact]
    public async Task Publishing_writes_ruleset_published_and_the_stage_changes_its_re_evaluation_made_in_bulk()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Northwind"));
        await CheckInAsync(id, TestData.DespairInputs);
        var rules = Get<RuleSetService>();
        var number = await rules.StartDraftAsync(TestData.Administrator, 1);
        var draft = await rules.GetAsync(TestData.Administrator, number);
        // Delivery confidence 2 is no longer Despair under the draft: the partner improves on re-evaluation.
        var rowVersion = await rules.SaveDraftAsync(TestData.Administrator, number,
            draft.Rules with { Despair = draft.Rules.Despair with { DeliveryConfidenceAtMost = 1 } }, draft.RowVersion);
        var before = (await OutboxAsync()).Count;

        await Get<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, rowVersion, reevaluate: true);

        var events = (await OutboxAsync()).Skip(before).ToList();
        Assert.Equal([WebhookEvents.StageChanged, WebhookEvents.RuleSetPublished], events.Select(e => e.Type));
        var moved = events[0].Payload.GetProperty("data");
        Assert.Equal(("Northwind", "Despair", "Hopeful", "RuleSetPublished"), (moved.GetProperty("partnerName").GetString(),
            moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString(), moved.GetProperty("cause").GetString()));
        var published = events[1].Payload.GetProperty("data");
        Assert.Equal(number, published.GetProperty("number").GetInt32());
        Assert.Equal($"Rule set v{number}", published.GetProperty("name").GetString());
        Assert.True(published.GetProperty("reevaluated").GetBoolean());
        Assert.Equal(1, published.GetProperty("partnersMoved").GetInt32());
    }

    [Fact]
    public async Task Publishing_without_re_evaluation_says_so()
    {
        var rules = Get<RuleSetService>();
        var number = await rules.StartDraftAsync(TestData.Administrator, 1);
        var draft = await rules.GetAsync(TestData.Administrator, number);

        await Get<RuleSetPublisher>().PublishAsync(TestData.Administrator, number, draft.RowVersion, reevaluate: false);

        var (type, payload) = Assert.Single(await OutboxAsync());
        Assert.Equal(WebhookEvents.RuleSetPublished, type);
        Assert.False(payload.GetProperty("data").GetProperty("reevaluated").GetBoolean());
    }

    private WebhookDispatchQueue QueueOn(DateOnly today) =>
        new(Get<IDbContextFactory<PartnerStagesDbContext>>(), Get<IOptions<WebhookOptions>>(), new FixedClock(today));

    [Fact]
    public async Task Overdue_fires_once_per_partner_when_it_crosses_the_partner_lists_threshold_and_again_after_a_new_check_in_and_crossing_while_someone_subscribes()
    {
        await using (var db = Database.CreateContext())
        {
            db.Partners.Add(TestData.PartnerRow(name: "Overdue", stage: Stage.Hopeful, assessedDaysAgo: Core.Partners.PartnerSignals.OverdueAfterDays + 1));
            db.Partners.Add(TestData.PartnerRow(name: "Just in time", stage: Stage.Hopeful, assessedDaysAgo: Core.Partners.PartnerSignals.OverdueAfterDays));
            await db.SaveChangesAsync();
        }

        var today = QueueOn(TestData.Today);
        Assert.Equal(0, await today.NoteOverdueAsync());
        await Get<WebhookService>().CreateAsync(TestData.Administrator,
            new WebhookEndpointInput { Url = "https://crm.example.com/hooks", Events = [WebhookEvents.CheckInOverdue] });
        Assert.Equal(1, await today.NoteOverdueAsync());
        Assert.Equal(0, await today.NoteOverdueAsync());
        var (type, payload) = Assert.Single(await OutboxAsync());
        Assert.Equal(WebhookEvents.CheckInOverdue, type);
        Assert.Equal("Overdue", payload.GetProperty("data").GetProperty("partnerName").GetString());
        Assert.Equal(91, payload.GetProperty("data").GetProperty("daysWithoutCheckIn").GetInt32());

        // A new check-in today starts a new count: not overdue again until it crosses the threshold again.
        int id;
        await using (var db = Database.CreateContext())
        {
            id = await db.Partners.Where(p => p.Name == "Overdue").Select(p => p.Id).SingleAsync();
        }

        await CheckInAsync(id, TestData.Inputs());
        Assert.Equal(1, await QueueOn(TestData.Today.AddDays(1)).NoteOverdueAsync()); // "Just in time" crosses now
        Assert.Equal(0, await QueueOn(TestData.Today.AddDays(Core.Partners.PartnerSignals.OverdueAfterDays)).NoteOverdueAsync());
        Assert.Equal(1, await QueueOn(TestData.Today.AddDays(Core.Partners.PartnerSignals.OverdueAfterDays + 1)).NoteOverdueAsync());
        Assert.Equal(0, await QueueOn(TestData.Today.AddDays(200)).NoteOverdueAsync());
        var overdue = (await OutboxAsync()).Where(e => e.Type == WebhookEvents.CheckInOverdue)
            .Select(e => e.Payload.GetProperty("data").GetProperty("partnerName").GetString()).ToList();
        Assert.Equal(["Overdue", "Just in time", "Overdue"], overdue);
    }

    [Fact]
    public async Task A_check_in_refused_as_a_conflict_or_failing_inside_its_transaction_leaves_no_event()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var stale = await VersionAsync(id);
        await CheckInAsync(id, TestData.Inputs());
        await using (var db = Database.CreateContext())
        {
            db.WebhookOutbox.RemoveRange(db.WebhookOutbox);
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Assessments.RecordAsync(TestData.Manager, id, TestData.DespairInputs, TestData.Today, null, stale));
        await Database.RefuseInsertsAsync("AuditEntries", "audit refused", rowsFirst: 0);
        await Assert.ThrowsAnyAsync<DbUpdateException>(async () =>
            await Assessments.OverrideAsync(TestData.Manager, id, Stage.Soaring, "Award", await VersionAsync(id)));
        var other = await Partners.GetAsync(id);

        Assert.Empty(await OutboxAsync());
        Assert.Equal(Stage.Hopeful, other!.CurrentStage);
    }
}
