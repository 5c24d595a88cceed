namespace PartnerStages.Core.Rules;

// A stored, versioned rule set: thresholds and weights as JSON. Exactly one is active. A draft is
// edited until it is published; from then on its JSON never changes (verdicts name it by number).
public sealed class RuleSetDefinition(int number, string json, string createdById, DateTime createdAtUtc)
{
    public int Id { get; private set; }
    public int Number { get; private set; } = number;
    public string Json { get; private set; } = json;
    public RuleSetStatus Status { get; private set; } = RuleSetStatus.Draft;
    public string CreatedById { get; private set; } = createdById;
    public DateTime CreatedAtUtc { get; private set; } = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
    public DateTime? PublishedAtUtc { get; private set; }
    public string? PublishedById { get; private set; }
    public int RowVersion { get; private set; }

    public bool IsDraft => Status == RuleSetStatus.Draft;

    // A draft starts as a copy of another version's rules, renumbered.
    public static RuleSetDefinition DraftFrom(RuleSet source, int number, string createdById, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(number, (source with { Version = number }).ToJson(), createdById, createdAtUtc);
    }

    // Invalid values are kept too: a draft is saved as the administrator goes, and is checked in
    // full (RuleSet.Validate) before it can be published.
    public void Edit(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        EnsureDraft();
        Json = (rules with { Version = Number }).ToJson();
    }

    public void Publish(DateTime atUtc, string? publishedById = null)
    {
        Status = RuleSetStatus.Active;
        PublishedAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        PublishedById = publishedById;
    }

    public void Retire() => Status = RuleSetStatus.Retired;

    public void EnsureDraft()
    {
        if (!IsDraft)
        {
            throw new DomainException(nameof(Status), $"Rule set v{Number} is {Status.ToString().ToLowerInvariant()}: only a draft can be changed.");
        }
    }
}

public enum RuleSetStatus
{
    Draft,
    Active,
    Retired,
}
