namespace PartnerStages.Core.Assessments;

// What a channel manager records at a check-in (DESIGN.md §2). Facts are counts read off the
// vendor's partner portal and may be unknown (null); ratings are 1–5 judgements.
public sealed record AssessmentInputs
{
    public int? CapabilityScore { get; init; }
    public int? CertifiedPeople { get; init; }
    public int? NetCustomerAdds { get; init; }
    public int? CoSellWins { get; init; }
    public int? ActiveFieldContacts { get; init; }
    public int? Awards { get; init; }

    public int ProgrammeFluency { get; init; }
    public int DeliveryConfidence { get; init; }
    public int InvestmentConviction { get; init; }
    public int Agility { get; init; }
    public int GoalAlignment { get; init; }
}
