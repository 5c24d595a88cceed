namespace PartnerStages.Core.Assessments;

// The owner dismissing a pending regression: the stage stays, and a replay of the partner's history
// (voiding a check-in, the rules lab) must know of it, or the regression would be pending again.
public sealed class RegressionDismissal
{
    public RegressionDismissal(int partnerId, Stage dismissed, DateOnly dismissedOn, string dismissedById, DateTime recordedAtUtc)
    {
        PartnerId = partnerId;
        Dismissed = dismissed;
        DismissedOn = dismissedOn;
        DismissedById = dismissedById;
        RecordedAtUtc = DateTime.SpecifyKind(recordedAtUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int PartnerId { get; private set; }

    // The stage the rules had said the partner fell to, which the owner did not accept.
    public Stage Dismissed { get; private set; }
    public DateOnly DismissedOn { get; private set; }
    public string DismissedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}
