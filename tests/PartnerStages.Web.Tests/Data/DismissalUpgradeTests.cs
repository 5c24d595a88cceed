using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerStages.Core;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

// A database from before dismissals were kept has them only in its audit trail: the upgrade brings
// them over, so that voiding a later check-in does not set a dismissed regression pending again.
[SqliteOnly("Upgrades a SQLite database of the version before; a PostgreSQL database starts from its one initial migration")]
public sealed class DismissalUpgradeTests : ServiceTestBase
{
    [Fact]
    public async Task The_upgrade_keeps_the_dismissals_the_audit_trail_recorded()
    {
        var partners = Get<PartnerService>();
        var assessments = Get<AssessmentService>();
        var id = await partners.CreateAsync(TestData.Manager, TestData.Partner());
        async Task<int> VersionAsync() => (await partners.GetAsync(id))!.RowVersion;
        await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today.AddDays(-3), "Quarterly", await VersionAsync());
        await assessments.RecordAsync(TestData.Manager, id, TestData.DespairInputs, TestData.Today.AddDays(-2), "Lost a lead", await VersionAsync());
        await assessments.DismissRegressionAsync(TestData.Manager, id, await VersionAsync());

        // The schema and data of the version before: no table, the dismissal in the audit trail only.
        await using (var db = Database.CreateContext())
        {
            await db.RegressionDismissals.ExecuteDeleteAsync();
            await db.GetService<IMigrator>().MigrateAsync("PartnerAddedOn");
            await db.GetService<IMigrator>().MigrateAsync();
            var kept = await db.RegressionDismissals.SingleAsync();
            Assert.Equal((id, Stage.Despair, TestData.Manager.UserId), (kept.PartnerId, kept.Dismissed, kept.DismissedById));
        }

        var later = await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today.AddDays(-1), "Mistake", await VersionAsync());
        await assessments.VoidAsync(TestData.Manager, later.AssessmentId, "Entered for the wrong partner");

        var partner = (await partners.GetAsync(id))!;
        Assert.Equal((Stage.Hopeful, (Stage?)null), (partner.CurrentStage, partner.PendingRegression));
    }
}
