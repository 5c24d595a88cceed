using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Webhooks;

// The events a receiver can subscribe to, and their payloads: { "type", "timestamp", "data" }.
public static class WebhookEvents
{
    public const string StageChanged = "partner.stage_changed";
    public const string RegressionPending = "assessment.regression_pending";
    public const string CheckInOverdue = "partner.checkin_overdue";
    public const string RuleSetPublished = "ruleset.published";

    // Sent only by "Send test event", to the one endpoint chosen; no one subscribes to it.
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> All { get; } = [StageChanged, RegressionPending, CheckInOverdue, RuleSetPublished];

    public static string Describe(string type) => type switch
    {
        StageChanged => "A partner's current stage moved (check-in, confirmed regression, override, void, re-evaluation).",
        RegressionPending => "A check-in's verdict is a regression, held pending until the owner confirms it.",
        CheckInOverdue => $"A partner went more than {PartnerSignals.OverdueAfterDays} days without a check-in (once per crossing).",
        RuleSetPublished => "A rule set was published, with or without re-evaluating every partner.",
        _ => type,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static OutboxMessage StageChangedMessage(StageChange change, string? partnerName)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Message(StageChanged, change.RecordedAtUtc, new
        {
            partnerId = change.PartnerId,
            partnerName,
            from = change.From,
            to = change.To,
            cause = change.Cause,
            changedOn = change.ChangedOn,
            assessmentId = change.AssessmentId,
            reason = change.Reason,
        });
    }

    public static OutboxMessage RegressionPendingMessage(Partner partner, Assessment assessment, Stage pending)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return RegressionPendingMessage(partner, assessment.Id, assessment.AssessedOn, pending, assessment.RecordedAtUtc);
    }

    // Also for a check-in judged again when a rule set is published.
    public static OutboxMessage RegressionPendingMessage(Partner partner, int assessmentId, DateOnly assessedOn, Stage pending, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return Message(RegressionPending, atUtc, new
        {
            partnerId = partner.Id,
            partnerName = partner.Name,
            assessmentId,
            assessedOn,
            currentStage = partner.CurrentStage,
            pendingStage = pending,
        });
    }

    public static OutboxMessage CheckInOverdueMessage(int partnerId, string partnerName, DateOnly? lastCheckInOn, DateOnly countsFrom,
        DateOnly today, DateTime atUtc) =>
        Message(CheckInOverdue, atUtc, new
        {
            partnerId,
            partnerName,
            lastCheckInOn,
            daysWithoutCheckIn = today.DayNumber - countsFrom.DayNumber,
            overdueAfterDays = PartnerSignals.OverdueAfterDays,
        });

    public static OutboxMessage RuleSetPublishedMessage(int number, bool reevaluated, int partnersReevaluated, int partnersMoved, DateTime atUtc) =>
        Message(RuleSetPublished, atUtc, new
        {
            number,
            name = $"Rule set v{number}",
            reevaluated,
            partnersReevaluated,
            partnersMoved,
        });

    public static OutboxMessage TestMessage(int endpointId, DateTime atUtc) =>
        Message(Test, atUtc, new { endpointId, message = "A test event sent from PartnerStages' webhook page." }, fannedOutAtUtc: atUtc);

    private static OutboxMessage Message(string type, DateTime atUtc, object data, DateTime? fannedOutAtUtc = null)
    {
        var at = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        var body = JsonSerializer.Serialize(new { type, timestamp = at, data }, Json);
        return new OutboxMessage("msg_" + Guid.NewGuid().ToString("N"), type, body, at, fannedOutAtUtc);
    }
}
