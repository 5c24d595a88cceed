using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Assessments;

// A dated check-in. Append-only: a mistaken one is voided with a reason, never edited or deleted.
public sealed class Assessment
{
    public const int EvidenceMaxLength = 4000;

    public Assessment(int partnerId, DateOnly assessedOn, string assessorId, AssessmentInputs inputs,
        string? evidence, AssessmentVerdict verdict, DateTime recordedAtUtc)
    {
        PartnerId = partnerId;
        AssessedOn = assessedOn;
        AssessorId = assessorId;
        Inputs = inputs;
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        Verdict = verdict;
        RecordedAtUtc = DateTime.SpecifyKind(recordedAtUtc, DateTimeKind.Utc);
    }

    // For EF Core materialisation (complex properties cannot bind through constructors).
    private Assessment()
    {
        AssessorId = "";
        Inputs = new AssessmentInputs();
        Verdict = new AssessmentVerdict();
    }

    public int Id { get; private set; }
    public int PartnerId { get; private set; }
    public DateOnly AssessedOn { get; private set; }
    public string AssessorId { get; private set; }
    public AssessmentInputs Inputs { get; private set; }
    public string? Evidence { get; private set; }
    public AssessmentVerdict Verdict { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    public DateTime? VoidedAtUtc { get; private set; }
    public string? VoidedById { get; private set; }
    public string? VoidReason { get; private set; }
    public int RowVersion { get; private set; }

    public bool IsVoided => VoidedAtUtc is not null;

    public void Void(string reason, string byUserId, DateTime atUtc)
    {
        if (IsVoided)
        {
            throw new DomainException(nameof(VoidReason), "This assessment has already been voided.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(nameof(VoidReason), "Give a reason for voiding the assessment.");
        }

        VoidReason = reason.Trim();
        VoidedById = byUserId;
        VoidedAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }
}

// What the rules service said, kept with the assessment so history can be replayed and explained.
public sealed record AssessmentVerdict
{
    public static AssessmentVerdict From(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new()
        {
            Stage = verdict.Stage,
            RuleSetVersion = verdict.RuleSetVersion,
            MaturityIndex = verdict.MaturityIndex,
            Momentum = verdict.Momentum,
            ExplanationJson = verdict.ToJson(),
        };
    }

    public Stage Stage { get; init; }
    public int RuleSetVersion { get; init; }
    public double MaturityIndex { get; init; }
    public double? Momentum { get; init; }

    // The full explanation as JSON, as the rules service produced it.
    public string ExplanationJson { get; init; } = "{}";
}
