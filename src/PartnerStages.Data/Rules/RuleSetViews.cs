using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// One version on the rule sets page: who made and published it, and how many standing check-ins it judged.
public sealed record RuleSetVersionRow(
    int Number,
    RuleSetStatus Status,
    string CreatedBy,
    DateTime CreatedAtUtc,
    string? PublishedBy,
    DateTime? PublishedAtUtc,
    int CheckIns);

// A version as the editor opens it. Rules may fail validation while it is a draft.
public sealed record RuleSetVersionView(int Number, RuleSetStatus Status, RuleSet Rules, int RowVersion, RuleSet Active)
{
    public bool IsDraft => Status == RuleSetStatus.Draft;
}
