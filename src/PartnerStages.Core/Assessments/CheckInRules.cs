using System.Globalization;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Assessments;

// The rules on a check-in beyond its inputs' ranges: when it may be dated and how long its evidence
// may be. The form, the recording service and the import all ask here, so all three say it alike.
public static class CheckInRules
{
    public static IReadOnlyList<ValidationError> Validate(DateOnly? assessedOn, string? evidence, DateOnly? latestAssessedOn, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (DateProblem(assessedOn, latestAssessedOn, today) is { } date)
        {
            errors.Add(new(nameof(Assessment.AssessedOn), date));
        }

        if (evidence?.Trim().Length > Assessment.EvidenceMaxLength)
        {
            errors.Add(new(nameof(Assessment.Evidence), $"Evidence must be at most {Assessment.EvidenceMaxLength} characters."));
        }

        return errors;
    }

    // History only grows forward: a check-in on the latest one's day is fine, one before it is not.
    public static string? DateProblem(DateOnly? assessedOn, DateOnly? latestAssessedOn, DateOnly today) => assessedOn switch
    {
        null => "Choose the date of the check-in.",
        var d when d > today => "The check-in date cannot be in the future.",
        var d when d < latestAssessedOn =>
            $"The check-in date must be on or after the latest check-in ({latestAssessedOn.Value.ToString("d", CultureInfo.CurrentCulture)}).",
        _ => null,
    };

    // The first problem as the exception a service throws, so the form shows it beside its field.
    public static void EnsureValid(DateOnly assessedOn, string? evidence, DateOnly? latestAssessedOn, DateOnly today)
    {
        if (Validate(assessedOn, evidence, latestAssessedOn, today) is [var first, ..])
        {
            throw new DomainException(first.Field, first.Message);
        }
    }
}
