using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests;

// Test data with sensible defaults; name only what a test is about.
public static class TestData
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    // The cast of users every Web and browser test signs in as, seeds and names: these ids, emails
    // and display names, and no others. The ids are constants so theories can name a member.
    public const string AdministratorId = "admin";
    public const string ManagerId = "manager";
    public const string OtherManagerId = "other-manager";
    public const string ExecutiveId = "executive";

    public static Actor Administrator { get; } = Actor(AdministratorId, Roles.Administrator);
    public static Actor Manager { get; } = Actor(ManagerId, Roles.ChannelManager);
    public static Actor OtherManager { get; } = Actor(OtherManagerId, Roles.ChannelManager);
    public static Actor Executive { get; } = Actor(ExecutiveId, Roles.Executive);

    public static IReadOnlyList<Actor> Cast { get; } = [Administrator, Manager, OtherManager, Executive];

    // As the app builds an actor: its name is the sign-in name, the email.
    public static Actor Actor(string userId, string role) => new(userId, userId + "@example.com", new HashSet<string> { role });

    public static Actor CastMember(string userId) => Cast.Single(member => member.UserId == userId);

    public static string Email(Actor member) => member.Name;

    public static string DisplayName(Actor member) => member.UserId switch
    {
        AdministratorId => "Ada Admin",
        ManagerId => "Casey Manager",
        OtherManagerId => "Robin Other",
        ExecutiveId => "Evelyn Exec",
        // A user a test needs beyond the cast (a locked account, say) goes by its id.
        _ => member.UserId,
    };

    // A user as the store holds it; its role is assigned by whoever stores it.
    public static ApplicationUser User(Actor member) => new()
    {
        Id = member.UserId,
        UserName = Email(member),
        Email = Email(member),
        EmailConfirmed = true,
        DisplayName = DisplayName(member),
    };

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

    // A partner row to write straight to a test database, owned by the manager; with a stage, it
    // was assessed that many days before Today (10 unless said).
    public static Partner PartnerRow(string name = "Contoso", string ownerId = ManagerId, string region = "EMEA",
        SolutionArea area = SolutionArea.DataAndAi, Stage? stage = null, int assessedDaysAgo = 10)
    {
        var partner = new Partner(name, region, area, ProgrammeLevel.SolutionsPartner, new DateOnly(2022, 3, 1), ownerId);
        if (stage is { } current)
        {
            partner.RecordStage(current, Today.AddDays(-assessedDaysAgo), pendingRegression: null, overrideReason: null);
            partner.MarkAssessed(Today.AddDays(-assessedDaysAgo), momentum: null);
        }

        return partner;
    }

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
