using PartnerStages.Core.Assessments;

namespace PartnerStages.Web.Components.Pages.Assessments;

// What the form holds while the manager types: settable, and a rating of 0 means "not chosen yet".
// It outlives a refused save, so nothing typed is lost on a conflict.
public sealed class AssessmentDraft
{
    public DateTime? AssessedOn { get; set; }
    public int? CapabilityScore { get; set; }
    public int? CertifiedPeople { get; set; }
    public int? NetCustomerAdds { get; set; }
    public int? CoSellWins { get; set; }
    public int? ActiveFieldContacts { get; set; }
    public int? Awards { get; set; }
    public int ProgrammeFluency { get; set; }
    public int DeliveryConfidence { get; set; }
    public int InvestmentConviction { get; set; }
    public int Agility { get; set; }
    public int GoalAlignment { get; set; }
    public string? Evidence { get; set; }

    public DateOnly? AssessedOnDate => AssessedOn is { } date ? DateOnly.FromDateTime(date) : null;

    // Starts from the last check-in when there is one: most things move little between two.
    public static AssessmentDraft Start(DateOnly today, AssessmentInputs? last) => new()
    {
        AssessedOn = today.ToDateTime(TimeOnly.MinValue),
        CapabilityScore = last?.CapabilityScore,
        CertifiedPeople = last?.CertifiedPeople,
        NetCustomerAdds = last?.NetCustomerAdds,
        CoSellWins = last?.CoSellWins,
        ActiveFieldContacts = last?.ActiveFieldContacts,
        Awards = last?.Awards,
        ProgrammeFluency = last?.ProgrammeFluency ?? 0,
        DeliveryConfidence = last?.DeliveryConfidence ?? 0,
        InvestmentConviction = last?.InvestmentConviction ?? 0,
        Agility = last?.Agility ?? 0,
        GoalAlignment = last?.GoalAlignment ?? 0,
    };

    public AssessmentInputs ToInputs() => new()
    {
        CapabilityScore = CapabilityScore,
        CertifiedPeople = CertifiedPeople,
        NetCustomerAdds = NetCustomerAdds,
        CoSellWins = CoSellWins,
        ActiveFieldContacts = ActiveFieldContacts,
        Awards = Awards,
        ProgrammeFluency = ProgrammeFluency,
        DeliveryConfidence = DeliveryConfidence,
        InvestmentConviction = InvestmentConviction,
        Agility = Agility,
        GoalAlignment = GoalAlignment,
    };
}
