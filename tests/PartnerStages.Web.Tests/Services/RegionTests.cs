using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Dashboard;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

public sealed class RegionTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();

    [Fact]
    public async Task A_region_typed_in_another_case_is_the_known_region()
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Benelux"));

        var created = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Beta", region: " BeNeLux "));
        var edited = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Gamma", region: "EMEA"));
        await Partners.UpdateAsync(TestData.Manager, edited, TestData.Partner(name: "Gamma", region: "BENELUX"),
            (await Partners.GetAsync(edited))!.RowVersion);

        Assert.Equal("Benelux", (await Partners.GetAsync(created))!.Region);
        Assert.Equal("Benelux", (await Partners.GetAsync(edited))!.Region);
        Assert.Equal(["Benelux"], await Partners.ListRegionsAsync());
    }

    [Fact]
    public async Task A_rename_moves_every_partner_of_the_region_archived_ones_too()
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Benlux"));
        var archived = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Beta", region: "Benlux"));
        await Partners.ArchiveAsync(TestData.Manager, archived, (await Partners.GetAsync(archived))!.RowVersion);
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Gamma", region: "EMEA"));

        var result = await Partners.MoveRegionAsync(TestData.Administrator, "Benlux", "Benelux");

        Assert.Equal((false, "Benelux", 2), (result.Move.IsMerge, result.Move.To, result.Partners));
        Assert.Equal([new RegionCount("Benelux", 2, 1), new RegionCount("EMEA", 1, 0)], await Partners.ListRegionCountsAsync());
    }

    [Fact]
    public async Task A_merge_into_a_known_region_takes_its_spelling_and_the_dashboard_counts_one_region()
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Benelux"));
        await using (var db = Database.CreateContext())
        {
            // Two spellings from before the case rule (an import, an old database).
            db.Partners.Add(TestData.PartnerRow(name: "Beta", region: "BeNeLux"));
            db.Partners.Add(TestData.PartnerRow(name: "Delta", region: "BeNeLux"));
            await db.SaveChangesAsync();
        }

        var filter = new DashboardFilter { From = TestData.Today.AddMonths(-3), To = TestData.Today };
        var dashboard = Get<DashboardService>();
        Assert.Equal(2, (await dashboard.GetBreakdownsAsync(filter)).ByRegion.Count);

        var result = await Partners.MoveRegionAsync(TestData.Administrator, "BeNeLux", "benelux");

        Assert.Equal((true, "Benelux", 2), (result.Move.IsMerge, result.Move.To, result.Partners));
        var region = Assert.Single((await dashboard.GetBreakdownsAsync(filter)).ByRegion);
        Assert.Equal(("Benelux", 3), (region.Key, region.Partners.Value));
    }

    [Fact]
    public async Task A_move_is_audited_for_the_region_and_for_each_partner()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Nordic"));

        await Partners.MoveRegionAsync(TestData.Administrator, "Nordic", "Nordics");

        var entries = (await Get<AuditSearch>().ListAsync(new AuditQuery { Action = AuditAction.Edited })).Rows;
        var region = Assert.Single(entries, r => r.Entry.EntityType == "Region");
        Assert.Equal(("Nordic", TestData.Administrator.UserId, "Renamed region Nordic to Nordics: 1 partner(s) changed."),
            (region.Entry.EntityId, region.Entry.UserId, region.Entry.Summary));
        var partner = Assert.Single(entries, r => r.Entry.EntityType == "Partner" && r.Entry.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var change = Assert.Single(partner.Changes.Fields);
        Assert.Equal(("Region", "Nordic", "Nordics"), (change.Label, change.Before!.Text, change.After!.Text));
    }

    [Fact]
    public async Task A_move_changes_each_partners_row_version_so_an_open_edit_cannot_put_the_old_region_back()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Nordic"));
        var read = (await Partners.GetAsync(id))!.RowVersion;

        await Partners.MoveRegionAsync(TestData.Administrator, "Nordic", "Nordics");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Partners.UpdateAsync(TestData.Manager, id, TestData.Partner(name: "Alpha", region: "Nordic"), read));
    }

    [Theory]
    [InlineData(TestData.ManagerId)]
    [InlineData(TestData.ExecutiveId)]
    public async Task Only_an_administrator_renames_or_merges_regions(string userId)
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Nordic"));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Partners.MoveRegionAsync(TestData.CastMember(userId), "Nordic", "Nordics"));

        Assert.Equal(["Nordic"], await Partners.ListRegionsAsync());
    }

    [Fact]
    public async Task A_region_nobody_is_in_any_more_is_refused_and_nothing_is_written()
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Alpha", region: "Nordic"));

        await Assert.ThrowsAsync<NotFoundException>(() => Partners.MoveRegionAsync(TestData.Administrator, "Gone", "Nordic"));

        await using var db = Database.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == "Region"));
    }
}
