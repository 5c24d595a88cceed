namespace PartnerStages.Core.Assessments;

// One move of a partner's current stage; history, timelines and transitions are read from here.
public sealed class StageChange
{
    public StageChange(int partnerId, Stage? from, Stage to, DateOnly changedOn, StageChangeCause cause,
        int? assessmentId, string changedById, string? reason, DateTime recordedAtUtc)
    {
        if (cause == StageChangeCause.Override && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(nameof(Reason), "An override needs a written reason.");
        }

        PartnerId = partnerId;
        From = from;
        To = to;
        ChangedOn = changedOn;
        Cause = cause;
        AssessmentId = assessmentId;
        ChangedById = changedById;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        RecordedAtUtc = DateTime.SpecifyKind(recordedAtUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int PartnerId { get; private set; }
    public Stage? From { get; private set; }
    public Stage To { get; private set; }
    public DateOnly ChangedOn { get; private set; }
    public StageChangeCause Cause { get; private set; }
    public int? AssessmentId { get; private set; }
    public string ChangedById { get; private set; }
    public string? Reason { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

public enum StageChangeCause
{
    Rules,
    Override,
    ConfirmedRegression,
    Voided,
    RuleSetPublished,
}
