using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Accounts;

namespace PartnerStages.Web.Tests.Components.Assessments;

// The partner page and the assessment form over the real services and a real SQLite file, with
// four users: an administrator, two channel managers and an executive.
public abstract class StagePagesTestBase : ComponentTestBase
{
    protected const string AdminId = "admin";
    protected const string OwnerId = "cm-owner";
    protected const string OtherManagerId = "cm-other";
    protected const string ExecutiveId = "exec";

    // The first query on a cold SQLite file can take a while on a busy machine.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TestDatabase _database = new();
    private BunitAuthorizationContext _auth = default!;

    protected static Actor Admin { get; } = new(AdminId, "Ada Admin", new HashSet<string> { Roles.Administrator });

    protected PartnerService PartnerService => Services.GetRequiredService<PartnerService>();

    protected AssessmentService AssessmentService => Services.GetRequiredService<AssessmentService>();

    protected override async Task ArrangeAsync()
    {
        await _database.RegisterAsync(Services);
        Services.AddScoped<CurrentActor>();
        await using (var db = _database.CreateContext())
        {
            db.Users.AddRange(
                User(AdminId, "Ada Admin"),
                User(OwnerId, "Olivia Owner"),
                User(OtherManagerId, "Oscar Other"),
                User(ExecutiveId, "Eve Executive"));
            await db.SaveChangesAsync();
        }

        _auth = AddAuthorization();
        SignInAs(OwnerId, Roles.ChannelManager);
    }

    protected override async Task DisposeResourcesAsync() => await _database.DisposeAsync();

    // bUnit wants this order: authorised, then roles, then claims.
    protected void SignInAs(string userId, string role)
    {
        _auth.SetAuthorized(userId);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected Task<int> CreatePartnerAsync(string name = "Contoso Consulting", string ownerId = OwnerId) =>
        PartnerService.CreateAsync(Admin, new PartnerInput
        {
            Name = name,
            Region = "EMEA",
            SolutionArea = SolutionArea.DataAndAi,
            ProgrammeLevel = ProgrammeLevel.SolutionsPartner,
            JoinedProgrammeOn = new DateOnly(2022, 3, 1),
            OwnerId = ownerId,
        });

    protected async Task<RecordedAssessment> RecordAsync(int partnerId, AssessmentInputs inputs, int daysAgo, string? evidence = null)
    {
        var partner = await PartnerService.GetAsync(partnerId) ?? throw new InvalidOperationException("No such partner.");
        return await AssessmentService.RecordAsync(Admin, partnerId, inputs, AssessmentService.Today.AddDays(-daysAgo), evidence, partner.RowVersion);
    }

    // A plain Hopeful partner by default: fluent, convinced, confident, but short of Soaring's facts.
    protected static AssessmentInputs Inputs(
        int fluency = 4,
        int delivery = 4,
        int conviction = 4,
        int agility = 3,
        int alignment = 3,
        int? capability = 60,
        int? contacts = 1,
        int? coSell = 0) => new()
        {
            CapabilityScore = capability,
            CertifiedPeople = 3,
            NetCustomerAdds = 2,
            CoSellWins = coSell,
            ActiveFieldContacts = contacts,
            Awards = 0,
            ProgrammeFluency = fluency,
            DeliveryConfidence = delivery,
            InvestmentConviction = conviction,
            Agility = agility,
            GoalAlignment = alignment,
        };

    private static ApplicationUser User(string id, string name) =>
        new() { Id = id, UserName = $"{id}@example.com", Email = $"{id}@example.com", DisplayName = name };
}
