using Microsoft.AspNetCore.Identity;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Tests.Components.Partners;

// Rows for the partner component tests, written straight to the test database.
internal static class PartnerTestData
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static void AddUser(PartnerStagesDbContext db, string id, string name, string role)
    {
        db.Users.Add(new ApplicationUser { Id = id, UserName = $"{id}@example.com", Email = $"{id}@example.com", DisplayName = name });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = role.ToLowerInvariant() });
    }

    public static Partner Partner(string name = "Contoso", string ownerId = "cm1", string region = "EMEA",
        SolutionArea area = SolutionArea.DataAndAi, Stage? stage = null, int? assessedDaysAgo = null,
        Stage? pendingRegression = null, bool archived = false)
    {
        var partner = new Partner(name, region, area, ProgrammeLevel.SolutionsPartner, new DateOnly(2022, 3, 1), ownerId);
        if (stage is { } current)
        {
            partner.RecordStage(current, Today.AddDays(-(assessedDaysAgo ?? 10)), pendingRegression, overrideReason: null);
            partner.MarkAssessed(Today.AddDays(-(assessedDaysAgo ?? 10)), momentum: null);
        }

        if (archived)
        {
            partner.Archive(Today);
        }

        return partner;
    }
}
