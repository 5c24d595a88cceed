using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests;

// Test data with sensible defaults; name only what a test is about.
public static class TestData
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static Actor Administrator { get; } = Actor("admin", Roles.Administrator);
    public static Actor Manager { get; } = Actor("manager", Roles.ChannelManager);
    public static Actor OtherManager { get; } = Actor("other-manager", Roles.ChannelManager);
    public static Actor Executive { get; } = Actor("executive", Roles.Executive);

    public static Actor Actor(string userId, string role) => new(userId, userId + "@example.com", new HashSet<string> { role });

    public static PartnerInput Partner(string name = "Contoso Consulting", string region = "EMEA",
        SolutionArea area = SolutionArea.DataAndAi, DateOnly? joined = null, string? ownerId = null) => new()
        {
            Name = name,
            Region = region,
            SolutionArea = area,
            ProgrammeLevel = ProgrammeLevel.SolutionsPartner,
            JoinedProgrammeOn = joined ?? new DateOnly(2024, 1, 15),
            OwnerId = ownerId,
        };

    // Defaults give a Hopeful verdict for a partner that never soared.
    public static AssessmentInputs Inputs(int fluency = 4, int delivery = 4, int conviction = 4, int agility = 4,
        int alignment = 3, int? capability = 60, int? certified = 3, int? netAdds = 2, int? coSell = 0,
        int? fieldContacts = 1, int? awards = 0) => new()
        {
            ProgrammeFluency = fluency,
            DeliveryConfidence = delivery,
            InvestmentConviction = conviction,
            Agility = agility,
            GoalAlignment = alignment,
            CapabilityScore = capability,
            CertifiedPeople = certified,
            NetCustomerAdds = netAdds,
            CoSellWins = coSell,
            ActiveFieldContacts = fieldContacts,
            Awards = awards,
        };

    public static AssessmentInputs DenialInputs => Inputs(fluency: 1, conviction: 2, delivery: 3, agility: 2, alignment: 1,
        capability: 20, certified: 0, netAdds: 0, fieldContacts: 0);

    public static AssessmentInputs DespairInputs => Inputs(fluency: 4, conviction: 3, delivery: 2);

    public static AssessmentInputs SoaringInputs => Inputs(fluency: 5, delivery: 5, conviction: 5, agility: 5, alignment: 5,
        capability: 90, certified: 12, netAdds: 12, coSell: 6, fieldContacts: 5, awards: 2);
}
