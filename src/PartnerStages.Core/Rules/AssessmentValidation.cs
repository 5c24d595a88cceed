using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// Range checks on what a manager types. Validate returns every problem for the form;
// EnsureValid is the guard the classifier uses, and IsValid lets it stay allocation-free.
public static class AssessmentValidation
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxCapabilityScore = 100;

    public static IReadOnlyList<ValidationError> Validate(AssessmentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var errors = new List<ValidationError>();

        if (inputs.CapabilityScore is < 0 or > MaxCapabilityScore)
        {
            errors.Add(new(nameof(AssessmentInputs.CapabilityScore),
                $"{InputLabels.CapabilityScore} must be between 0 and {MaxCapabilityScore}."));
        }

        CheckCount(errors, inputs.CertifiedPeople, nameof(AssessmentInputs.CertifiedPeople), InputLabels.CertifiedPeople);
        // Net customer adds may be negative: a partner can lose more customers than it wins.
        CheckCount(errors, inputs.CoSellWins, nameof(AssessmentInputs.CoSellWins), InputLabels.CoSellWins);
        CheckCount(errors, inputs.ActiveFieldContacts, nameof(AssessmentInputs.ActiveFieldContacts), InputLabels.ActiveFieldContacts);
        CheckCount(errors, inputs.Awards, nameof(AssessmentInputs.Awards), InputLabels.Awards);

        CheckRating(errors, inputs.ProgrammeFluency, nameof(AssessmentInputs.ProgrammeFluency), InputLabels.ProgrammeFluency);
        CheckRating(errors, inputs.DeliveryConfidence, nameof(AssessmentInputs.DeliveryConfidence), InputLabels.DeliveryConfidence);
        CheckRating(errors, inputs.InvestmentConviction, nameof(AssessmentInputs.InvestmentConviction), InputLabels.InvestmentConviction);
        CheckRating(errors, inputs.Agility, nameof(AssessmentInputs.Agility), InputLabels.Agility);
        CheckRating(errors, inputs.GoalAlignment, nameof(AssessmentInputs.GoalAlignment), InputLabels.GoalAlignment);

        return errors;
    }

    public static bool IsValid(AssessmentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.CapabilityScore is null or (>= 0 and <= MaxCapabilityScore)
            && inputs.CertifiedPeople is null or >= 0
            && inputs.CoSellWins is null or >= 0
            && inputs.ActiveFieldContacts is null or >= 0
            && inputs.Awards is null or >= 0
            && IsRating(inputs.ProgrammeFluency)
            && IsRating(inputs.DeliveryConfidence)
            && IsRating(inputs.InvestmentConviction)
            && IsRating(inputs.Agility)
            && IsRating(inputs.GoalAlignment);
    }

    public static void EnsureValid(AssessmentInputs inputs)
    {
        if (!IsValid(inputs))
        {
            throw new ArgumentException(
                string.Join(" ", Validate(inputs).Select(e => e.Message)), nameof(inputs));
        }
    }

    private static bool IsRating(int value) => value is >= MinRating and <= MaxRating;

    private static void CheckRating(List<ValidationError> errors, int value, string field, string label)
    {
        if (!IsRating(value))
        {
            errors.Add(new(field, $"{label} must be between {MinRating} and {MaxRating}."));
        }
    }

    private static void CheckCount(List<ValidationError> errors, int? value, string field, string label)
    {
        if (value < 0)
        {
            errors.Add(new(field, $"{label} must be 0 or more."));
        }
    }
}
