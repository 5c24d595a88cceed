namespace PartnerStages.Core.Rules;

// The names people see for the assessment inputs and derived signals, shared by validation
// messages and verdict conditions so the form and the explanation use the same words.
public static class InputLabels
{
    public const string CapabilityScore = "Capability score";
    public const string CertifiedPeople = "Certified people";
    public const string NetCustomerAdds = "Net customer adds";
    public const string CoSellWins = "Co-sell wins";
    public const string ActiveFieldContacts = "Active field contacts";
    public const string Awards = "Awards";
    public const string ProgrammeFluency = "Programme fluency";
    public const string DeliveryConfidence = "Delivery confidence";
    public const string InvestmentConviction = "Investment conviction";
    public const string Agility = "Agility";
    public const string GoalAlignment = "Goal alignment";
    public const string MaturityIndex = "Maturity index";
    public const string Momentum = "Momentum";
    public const string HasBeenSoaring = "Has been Soaring before";
    public const string CoSellWinsPlusAwards = "Co-sell wins plus awards";
}
