using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// The signals the rules derive from inputs and history (DESIGN.md §2).
// Momentum is null on a first assessment: with nothing to compare against there is no trend,
// so it neither proves a decline (Plateau) nor blocks Soaring.
public readonly record struct DerivedSignals(
    double MaturityIndex,
    double? Momentum,
    int TenureMonths,
    bool HasBeenSoaring,
    Stage? PreviousStage,
    Stage? PeakStage)
{
    public static DerivedSignals Of(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules)
    {
        double index = ComputeMaturityIndex(inputs, rules);
        return new(
            index,
            ComputeMomentum(index, history.PreviousMaturityIndex),
            history.TenureMonths,
            history.HasBeenSoaring,
            history.PreviousStage,
            history.PeakStage);
    }

    // 0–100, one decimal. Ratings map 1..5 to 0..1, facts to value/cap clamped to 0..1, and the
    // weighted mean is taken over what is known: an unknown fact drops out (its weight with it)
    // rather than counting as zero, so a blank on the form is not read as "none".
    // Weights are non-negative (RuleSet.Validate), so raising any input never lowers the index.
    public static double ComputeMaturityIndex(AssessmentInputs inputs, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rules);
        var w = rules.Weights;
        var caps = rules.Caps;

        double weight = w.ProgrammeFluency + w.DeliveryConfidence + w.InvestmentConviction + w.Agility + w.GoalAlignment;
        double sum = (w.ProgrammeFluency * Rating(inputs.ProgrammeFluency))
            + (w.DeliveryConfidence * Rating(inputs.DeliveryConfidence))
            + (w.InvestmentConviction * Rating(inputs.InvestmentConviction))
            + (w.Agility * Rating(inputs.Agility))
            + (w.GoalAlignment * Rating(inputs.GoalAlignment));

        AddFact(inputs.CapabilityScore, caps.CapabilityScore, w.CapabilityScore, ref sum, ref weight);
        AddFact(inputs.CertifiedPeople, caps.CertifiedPeople, w.CertifiedPeople, ref sum, ref weight);
        AddFact(inputs.NetCustomerAdds, caps.NetCustomerAdds, w.NetCustomerAdds, ref sum, ref weight);
        AddFact(inputs.CoSellWins, caps.CoSellWins, w.CoSellWins, ref sum, ref weight);
        AddFact(inputs.ActiveFieldContacts, caps.ActiveFieldContacts, w.ActiveFieldContacts, ref sum, ref weight);
        AddFact(inputs.Awards, caps.Awards, w.Awards, ref sum, ref weight);

        return weight > 0 ? RoundToTenth(100 * sum / weight) : 0;
    }

    // Rounded like the index so a stored previous index gives the same momentum on replay, and so
    // a fall of exactly 5.0 points is not read as 4.9999999.
    public static double? ComputeMomentum(double maturityIndex, double? previousMaturityIndex) =>
        previousMaturityIndex is { } previous ? RoundToTenth(maturityIndex - previous) : null;

    private static double Rating(int value) => (value - AssessmentValidation.MinRating) / (double)(AssessmentValidation.MaxRating - AssessmentValidation.MinRating);

    private static void AddFact(int? value, int cap, double factWeight, ref double sum, ref double weight)
    {
        if (value is { } v && cap > 0)
        {
            sum += factWeight * Math.Clamp(v / (double)cap, 0, 1);
            weight += factWeight;
        }
    }

    private static double RoundToTenth(double value) => Math.Round(value * 10, MidpointRounding.AwayFromZero) / 10;
}
