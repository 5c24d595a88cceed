using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Assessments;

// What the assessment form needs to preview verdicts live without a round trip per keystroke.
public sealed record AssessmentContext(
    int PartnerId,
    string PartnerName,
    DateOnly JoinedOn,
    Stage? CurrentStage,
    Stage? LastVerdictStage,
    Stage? PeakVerdictStage,
    double? PreviousMaturityIndex,
    DateOnly? LastAssessedOn,
    AssessmentInputs? LastInputs,
    RuleSet Rules,
    int PartnerRowVersion, string OwnerId, bool IsArchived, Stage? PendingRegression)
{
    public PartnerHistory HistoryOn(DateOnly assessedOn) =>
        new(assessedOn, JoinedOn, LastVerdictStage, PeakVerdictStage, PreviousMaturityIndex);

    public Verdict Preview(AssessmentInputs inputs, DateOnly assessedOn) =>
        StageClassifier.Explain(inputs, HistoryOn(assessedOn), Rules);
}

public sealed record RecordedAssessment(int AssessmentId, Verdict Verdict, StageOutcome Outcome, Stage CurrentStage, Stage? PendingRegression);

public sealed record AssessmentRow(
    int Id,
    DateOnly AssessedOn,
    string AssessorName,
    Stage Stage,
    double MaturityIndex,
    double? Momentum,
    string? Evidence,
    bool IsVoided,
    string? VoidReason,
    int RuleSetVersion);

// RuleSetVersion: the version whose verdict made the move, for moves a check-in caused (a re-evaluation's
// reason names the version published).
public sealed record StageChangeRow(long Id, DateOnly ChangedOn, Stage? From, Stage To, StageChangeCause Cause, string? Reason, string ChangedByName,
    int? RuleSetVersion = null);

// Newest first; LatestVerdict is the explanation of the newest assessment that was not voided.
public sealed record PartnerTimeline(IReadOnlyList<AssessmentRow> Assessments, IReadOnlyList<StageChangeRow> StageChanges, Verdict? LatestVerdict);
