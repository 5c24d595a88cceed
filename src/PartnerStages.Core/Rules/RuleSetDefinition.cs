namespace PartnerStages.Core.Rules;

// A stored, versioned rule set: thresholds and weights as JSON. Exactly one is active.
public sealed class RuleSetDefinition(int number, string json, string createdById, DateTime createdAtUtc)
{
    public int Id { get; private set; }
    public int Number { get; private set; } = number;
    public string Json { get; private set; } = json;
    public RuleSetStatus Status { get; private set; } = RuleSetStatus.Draft;
    public string CreatedById { get; private set; } = createdById;
    public DateTime CreatedAtUtc { get; private set; } = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
    public DateTime? PublishedAtUtc { get; private set; }
    public int RowVersion { get; private set; }

    public void Publish(DateTime atUtc)
    {
        Status = RuleSetStatus.Active;
        PublishedAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public void Retire() => Status = RuleSetStatus.Retired;
}

public enum RuleSetStatus
{
    Draft,
    Active,
    Retired,
}
