using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

// Every kind of change a user can make leaves exactly one audit entry of its kind, with the state
// before and after where there is one.
public sealed class AuditCoverageTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();
    private AssessmentService Assessments => Get<AssessmentService>();

    private async Task<int> VersionAsync(int id) => (await Partners.GetAsync(id))!.RowVersion;

    private async Task<AuditEntry> OnlyNewEntryAsync(Func<Task> change)
    {
        await using var before = Database.CreateContext();
        var last = await before.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;

        await change();

        await using var after = Database.CreateContext();
        return Assert.Single(await after.AuditEntries.Where(a => a.Id > last).ToListAsync());
    }

    [Fact]
    public async Task Each_partner_and_assessment_change_leaves_one_entry_of_its_kind()
    {
        var id = 0;
        var created = await OnlyNewEntryAsync(async () => id = await Partners.CreateAsync(TestData.Manager, TestData.Partner()));
        var edited = await OnlyNewEntryAsync(async () => await Partners.UpdateAsync(TestData.Manager, id, TestData.Partner(region: "APAC"), await VersionAsync(id)));
        var first = await OnlyNewEntryAsync(async () => await Assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today, null, await VersionAsync(id)));
        var pending = await OnlyNewEntryAsync(async () => await Assessments.RecordAsync(TestData.Manager, id, TestData.DespairInputs, TestData.Today, null, await VersionAsync(id)));
        var dismissed = await OnlyNewEntryAsync(async () => await Assessments.DismissRegressionAsync(TestData.Manager, id, await VersionAsync(id)));
        RecordedAssessment? again = null;
        await OnlyNewEntryAsync(async () => again = await Assessments.RecordAsync(TestData.Manager, id, TestData.DespairInputs, TestData.Today, null, await VersionAsync(id)));
        var confirmed = await OnlyNewEntryAsync(async () => await Assessments.ConfirmRegressionAsync(TestData.Manager, id, await VersionAsync(id)));
        var overridden = await OnlyNewEntryAsync(async () => await Assessments.OverrideAsync(TestData.Manager, id, Stage.Hopeful, "New practice lead", await VersionAsync(id)));
        var voided = await OnlyNewEntryAsync(() => Assessments.VoidAsync(TestData.Manager, again!.AssessmentId, "Duplicate"));
        var archived = await OnlyNewEntryAsync(async () => await Partners.ArchiveAsync(TestData.Manager, id, await VersionAsync(id)));
        var restored = await OnlyNewEntryAsync(async () => await Partners.RestoreAsync(TestData.Manager, id, await VersionAsync(id)));

        Assert.Equal(
            [AuditAction.Created, AuditAction.Edited, AuditAction.Assessed, AuditAction.Assessed, AuditAction.RegressionDismissed,
             AuditAction.RegressionConfirmed, AuditAction.Overridden, AuditAction.Voided, AuditAction.Archived, AuditAction.Restored],
            new[] { created, edited, first, pending, dismissed, confirmed, overridden, voided, archived, restored }.Select(e => e.Action));
        Assert.All(new[] { edited, pending, dismissed, confirmed, overridden, voided, archived, restored }, entry =>
        {
            Assert.NotNull(entry.Before);
            Assert.NotNull(entry.After);
            Assert.Equal(TestData.Manager.UserId, entry.UserId);
        });
        Assert.Contains("\"PendingRegression\":\"Despair\"", pending.After, StringComparison.Ordinal);
        Assert.Contains("\"CurrentStage\":\"Hopeful\"", overridden.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_leaves_one_entry()
    {
        var csv = Encoding.UTF8.GetBytes("Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail\n" +
            $"Adatum,EMEA,Security,Member,2024-01-01,{TestData.Manager.Name}\n");

        var entry = await OnlyNewEntryAsync(() => Get<CsvImportService>().ImportAsync(TestData.Administrator, ImportKind.Partners, csv, ExistingPartnerChoice.Skip));

        Assert.Equal(AuditAction.Imported, entry.Action);
    }
}
