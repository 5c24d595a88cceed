namespace PartnerStages.Core.Rules;

// What the rules need to know about a partner beyond today's inputs. The data layer fills it
// from the partner row and its last verdict; the assessment date is here so the rules never read a clock.
public readonly record struct PartnerHistory(
    DateOnly AssessedOn,
    DateOnly JoinedOn,
    Stage? PreviousStage = null,
    Stage? PeakStage = null,
    double? PreviousMaturityIndex = null)
{
    public bool HasBeenSoaring => PeakStage == Stage.Soaring;

    // Whole calendar months in the programme; an assessment dated before the join date (a typo
    // on either side) counts as 0 rather than failing the check-in.
    public int TenureMonths
    {
        get
        {
            int months = ((AssessedOn.Year - JoinedOn.Year) * 12) + AssessedOn.Month - JoinedOn.Month;
            if (AssessedOn.Day < JoinedOn.Day)
            {
                months--;
            }

            return Math.Max(0, months);
        }
    }

    public static PartnerHistory FirstAssessment(DateOnly joinedOn, DateOnly assessedOn) => new(assessedOn, joinedOn);

    // The history the next assessment will see after this one gave `stage` and `maturityIndex`.
    public PartnerHistory Next(Stage stage, double maturityIndex, DateOnly nextAssessedOn) => new(
        nextAssessedOn,
        JoinedOn,
        stage,
        PeakStage.PeakWith(stage),
        maturityIndex);
}
