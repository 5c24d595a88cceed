using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Assessments;

// A dated check-in. Append-only: a mistaken one is voided with a reason, never edited or deleted.
public sealed class Assessment
{
    public const int EvidenceMaxLength = 4000;

    // A check-in as the rules judged it: the history they read and their verdict are kept with the
    // inputs, which is all it takes to explain the verdict again later (Explain).
    public Assessment(int partnerId, string assessorId, AssessmentInputs inputs, string? evidence, PartnerHistory history,
        Verdict verdict, DateTime recordedAtUtc)
        : this(partnerId, assessorId, inputs, evidence, history, AssessmentVerdict.From(verdict), recordedAtUtc)
    {
    }

    public Assessment(int partnerId, string assessorId, AssessmentInputs inputs, string? evidence, PartnerHistory history,
        AssessmentVerdict verdict, DateTime recordedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        PartnerId = partnerId;
        AssessedOn = history.AssessedOn;
        AssessorId = assessorId;
        Inputs = inputs;
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        History = HistorySignals.Of(history);
        Verdict = verdict;
        RecordedAtUtc = DateTime.SpecifyKind(recordedAtUtc, DateTimeKind.Utc);
    }

    // For EF Core materialisation (complex properties cannot bind through constructors).
    private Assessment()
    {
        AssessorId = "";
        Inputs = new AssessmentInputs();
        History = new HistorySignals();
        Verdict = new AssessmentVerdict();
    }

    public int Id { get; private set; }
    public int PartnerId { get; private set; }
    public DateOnly AssessedOn { get; private set; }
    public string AssessorId { get; private set; }
    public AssessmentInputs Inputs { get; private set; }
    public string? Evidence { get; private set; }
    public HistorySignals History { get; private set; }
    public AssessmentVerdict Verdict { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    public DateTime? VoidedAtUtc { get; private set; }
    public string? VoidedById { get; private set; }
    public string? VoidReason { get; private set; }
    public int RowVersion { get; private set; }

    public bool IsVoided => VoidedAtUtc is not null;

    public Verdict Explain(RuleSet rules) => Explain(Inputs, AssessedOn, History, Verdict.RuleSetVersion, rules);

    // The full explanation of a stored check-in: the rules are pure, so its inputs, the history they
    // read and its rule set give the verdict it was given, word for word. For views that project the
    // columns rather than load the row.
    public static Verdict Explain(AssessmentInputs inputs, DateOnly assessedOn, HistorySignals history, int ruleSetVersion, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Version == ruleSetVersion
            ? StageClassifier.Explain(inputs, history.On(assessedOn), rules)
            : throw new ArgumentException($"The check-in was judged by rule set v{ruleSetVersion}, not v{rules.Version}.", nameof(rules));
    }

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

// What the rules service said, kept with the assessment: enough for lists, charts and filters;
// the explanation is derived again when someone asks why (Assessment.Explain).
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
        };
    }

    public Stage Stage { get; init; }
    public int RuleSetVersion { get; init; }
    public double MaturityIndex { get; init; }
    public double? Momentum { get; init; }
}

// What the rules knew of the partner's past when they judged a check-in (PartnerHistory without
// the date, which the row has). Tenure is kept rather than the join date: the join date can be
// corrected later, and the verdict was given on the tenure of the day.
public sealed record HistorySignals
{
    public int TenureMonths { get; init; }
    public Stage? PreviousStage { get; init; }
    public Stage? PeakStage { get; init; }
    public double? PreviousMaturityIndex { get; init; }

    public static HistorySignals Of(PartnerHistory history) => new()
    {
        TenureMonths = history.TenureMonths,
        PreviousStage = history.PreviousStage,
        PeakStage = history.PeakStage,
        PreviousMaturityIndex = history.PreviousMaturityIndex,
    };

    // A join date exactly TenureMonths before the check-in gives back the same tenure.
    public PartnerHistory On(DateOnly assessedOn) =>
        new(assessedOn, assessedOn.AddMonths(-TenureMonths), PreviousStage, PeakStage, PreviousMaturityIndex);
}
