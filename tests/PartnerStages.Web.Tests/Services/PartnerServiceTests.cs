using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Audit;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

public sealed class PartnerServiceTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();

    [Fact]
    public async Task A_channel_manager_creates_a_partner_it_owns_even_when_it_names_another_owner()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(ownerId: TestData.OtherManager.UserId));

        var partner = await Partners.GetAsync(id);
        Assert.Equal(TestData.Manager.UserId, partner!.OwnerId);
    }

    [Fact]
    public async Task An_administrator_chooses_the_owner()
    {
        var id = await Partners.CreateAsync(TestData.Administrator, TestData.Partner(ownerId: TestData.OtherManager.UserId));

        Assert.Equal(TestData.OtherManager.UserId, (await Partners.GetAsync(id))!.OwnerId);
    }

    [Fact]
    public async Task An_executive_cannot_create_partners()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Partners.CreateAsync(TestData.Executive, TestData.Partner()));

        await using var db = Database.CreateContext();
        Assert.False(await db.Partners.AnyAsync());
    }

    [Fact]
    public async Task Partner_names_are_unique_whatever_their_case()
    {
        await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Contoso Consulting"));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "  CONTOSO consulting ")));

        Assert.Equal(nameof(PartnerInput.Name), error.Field);
        Assert.Equal("A partner named \"CONTOSO consulting\" already exists.", error.Message);
    }

    [Fact]
    public async Task A_missing_name_is_reported_on_the_name_field()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Partners.CreateAsync(TestData.Manager, TestData.Partner(name: " ")));

        Assert.Equal("Name", error.Field);
        Assert.Equal("Name is required.", error.Message);
    }

    [Fact]
    public async Task A_manager_cannot_edit_or_archive_another_managers_partner()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var version = (await Partners.GetAsync(id))!.RowVersion;

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Partners.UpdateAsync(TestData.OtherManager, id, TestData.Partner(name: "Hijacked"), version));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Partners.ArchiveAsync(TestData.OtherManager, id, version));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Partners.SaveVendorContactAsync(TestData.OtherManager, id, null, new ContactInput { Name = "Rep" }, null));

        var partner = await Partners.GetAsync(id);
        Assert.Equal("Contoso Consulting", partner!.Name);
        Assert.False(partner.IsArchived);
        Assert.Empty(partner.VendorContacts);
    }

    [Fact]
    public async Task An_executive_changes_nothing()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var version = (await Partners.GetAsync(id))!.RowVersion;

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Partners.UpdateAsync(TestData.Executive, id, TestData.Partner(name: "X"), version));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Partners.ArchiveAsync(TestData.Executive, id, version));
    }

    [Fact]
    public async Task Only_an_administrator_changes_the_owner()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var version = (await Partners.GetAsync(id))!.RowVersion;

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Partners.UpdateAsync(TestData.Manager, id, TestData.Partner(ownerId: TestData.OtherManager.UserId), version));
        await Partners.UpdateAsync(TestData.Administrator, id, TestData.Partner(ownerId: TestData.OtherManager.UserId), version);

        Assert.Equal(TestData.OtherManager.UserId, (await Partners.GetAsync(id))!.OwnerId);
    }

    [Fact]
    public async Task The_second_of_two_overlapping_edits_is_refused_and_the_first_is_kept()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var readByBoth = (await Partners.GetAsync(id))!.RowVersion;

        await Partners.UpdateAsync(TestData.Manager, id, TestData.Partner(region: "Americas"), readByBoth);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Partners.UpdateAsync(TestData.Administrator, id, TestData.Partner(region: "APAC"), readByBoth));

        Assert.StartsWith("Someone else saved changes to this partner", conflict.Message, StringComparison.Ordinal);
        var partner = await Partners.GetAsync(id);
        Assert.Equal("Americas", partner!.Region);
        Assert.NotEqual(readByBoth, partner.RowVersion);
    }

    [Fact]
    public async Task Archive_and_restore_move_a_partner_between_the_lists()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        await Partners.ArchiveAsync(TestData.Manager, id, (await Partners.GetAsync(id))!.RowVersion);

        Assert.Equal(0, (await Partners.ListAsync(new PartnerQuery())).Total);
        Assert.Equal(1, (await Partners.ListAsync(new PartnerQuery { Archived = true })).Total);

        await Partners.RestoreAsync(TestData.Manager, id, (await Partners.GetAsync(id))!.RowVersion);
        Assert.Equal(1, (await Partners.ListAsync(new PartnerQuery())).Total);
    }

    [Fact]
    public async Task Every_change_leaves_an_audit_entry_with_before_and_after()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner(region: "EMEA"));
        await Partners.UpdateAsync(TestData.Manager, id, TestData.Partner(region: "APAC"), (await Partners.GetAsync(id))!.RowVersion);
        await Partners.ArchiveAsync(TestData.Manager, id, (await Partners.GetAsync(id))!.RowVersion);

        await using var db = Database.CreateContext();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Edited, AuditAction.Archived], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(TestData.Manager.UserId, e.UserId));
        Assert.Contains("\"Region\":\"EMEA\"", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"Region\":\"APAC\"", entries[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_and_sponsors_are_kept_with_the_partner()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());

        await Partners.SaveVendorContactAsync(TestData.Manager, id, null,
            new ContactInput { Name = "Riley Rep", Role = VendorContactRole.FieldSeller, Mandate = "Azure consumption", LastTouchOn = TestData.Today }, null);
        await Partners.SaveSponsorAsync(TestData.Manager, id, null, new SponsorInput { Name = "Sam Sponsor", Kind = SponsorKind.Executive }, null);

        var partner = await Partners.GetAsync(id);
        var contact = Assert.Single(partner!.VendorContacts);
        Assert.Equal(("Riley Rep", "Azure consumption"), (contact.Name, contact.Mandate));
        Assert.Equal("Sam Sponsor", Assert.Single(partner.Sponsors).Name);

        await Partners.RemoveVendorContactAsync(TestData.Manager, id, contact.Id);
        Assert.Empty((await Partners.GetAsync(id))!.VendorContacts);
    }

    [Fact]
    public async Task The_page_read_gives_the_partner_its_people_and_its_timeline_with_the_latest_standing_why()
    {
        var assessments = Get<AssessmentService>();
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        await Partners.SaveVendorContactAsync(TestData.Manager, id, null,
            new ContactInput { Name = "Riley Rep", Role = VendorContactRole.FieldSeller, Mandate = "Azure consumption", LastTouchOn = TestData.Today }, null);
        await Partners.SaveSponsorAsync(TestData.Manager, id, null, new SponsorInput { Name = "Sam Sponsor", Kind = SponsorKind.Executive }, null);
        await assessments.RecordAsync(TestData.Manager, id, TestData.DenialInputs, TestData.Today, "First check-in", (await Partners.GetAsync(id))!.RowVersion);
        var mistaken = await assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today, "Wrong partner",
            (await Partners.GetAsync(id))!.RowVersion);
        await assessments.VoidAsync(TestData.Manager, mistaken.AssessmentId, "Entered for the wrong partner");

        var page = await Partners.GetPageAsync(id);

        // The same rows as the partner's and the timeline's own reads, the row version the next save must name included.
        Assert.NotNull(page);
        Assert.Equivalent(await Partners.GetAsync(id), page.Partner, strict: true);
        Assert.Equivalent(await assessments.GetTimelineAsync(id), page.Timeline, strict: true);
        Assert.Equal((Stage.Denial, "Riley Rep", "Sam Sponsor"), (page.Partner.CurrentStage, Assert.Single(page.Partner.VendorContacts).Name,
            Assert.Single(page.Partner.Sponsors).Name));
        Assert.Equal(2, page.Timeline.Assessments.Count);
        // The "why" is the rules' explanation of the latest check-in still standing, not of the voided one.
        Assert.Equal(Stage.Denial, page.Timeline.LatestVerdict!.Stage);
    }

    [Fact]
    public async Task The_page_read_of_a_partner_that_does_not_exist_is_empty()
    {
        Assert.Null(await Partners.GetPageAsync(404_404));
    }

    [Fact]
    public async Task The_list_searches_filters_sorts_and_pages_in_the_database()
    {
        foreach (var (name, region) in new[] { ("Alpha Apps", "EMEA"), ("Beta Build", "APAC"), ("Gamma Group", "EMEA"), ("alphabet soup", "EMEA") })
        {
            await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: name, region: region));
        }

        await Partners.CreateAsync(TestData.Administrator, TestData.Partner(name: "Delta Data", region: "Americas", ownerId: TestData.OtherManager.UserId));

        Assert.Equal(["Alpha Apps", "alphabet soup"], (await Partners.ListAsync(new PartnerQuery { Search = "ALPHA" })).Rows.Select(r => r.Name));
        Assert.Equal(3, (await Partners.ListAsync(new PartnerQuery { Region = "EMEA" })).Total);
        Assert.Equal(["Delta Data"], (await Partners.ListAsync(new PartnerQuery { OwnerId = TestData.OtherManager.UserId })).Rows.Select(r => r.Name));

        // Names sort regardless of case.
        var secondPage = await Partners.ListAsync(new PartnerQuery { PageSize = 2, Page = 1, Sort = PartnerSort.Name, Descending = true });
        Assert.Equal(5, secondPage.Total);
        Assert.Equal(["Beta Build", "alphabet soup"], secondPage.Rows.Select(r => r.Name));

        // Never assessed, but added today: overdue counts from the day a partner was added, so none is yet.
        Assert.Equal(0, (await Partners.ListAsync(new PartnerQuery { OverdueOnly = true })).Total);
        Assert.Equal(0, (await Partners.ListAsync(new PartnerQuery { Stages = [Stage.Soaring] })).Total);
    }

    [Theory]
    [InlineData(PartnerSort.Stage, false, "Unassessed,Despair,Hopeful,Soaring")]
    [InlineData(PartnerSort.Stage, true, "Soaring,Hopeful,Despair,Unassessed")]
    [InlineData(PartnerSort.Owner, false, "Despair,Soaring,Hopeful,Unassessed")]
    [InlineData(PartnerSort.Region, true, "Unassessed,Hopeful,Soaring,Despair")]
    public async Task The_list_sorts_by_stage_in_health_order_and_by_owner_and_region(PartnerSort sort, bool descending, string expected)
    {
        // Names say the stage; owners' display names sort administrator < manager < other manager.
        await using (var db = Database.CreateContext())
        {
            foreach (var (name, stage, owner, region) in new (string, Stage?, string, string)[]
            {
                ("Soaring", Stage.Soaring, TestData.Administrator.UserId, "B"),
                ("Despair", Stage.Despair, TestData.Administrator.UserId, "A"),
                ("Hopeful", Stage.Hopeful, TestData.Manager.UserId, "B"),
                ("Unassessed", null, TestData.OtherManager.UserId, "C"),
            })
            {
                var partner = new Partner(name, region, SolutionArea.Security, ProgrammeLevel.Member, TestData.Today.AddYears(-1), owner);
                if (stage is { } s)
                {
                    partner.RecordStage(s, TestData.Today, null, null);
                }

                db.Partners.Add(partner);
            }

            await db.SaveChangesAsync();
        }

        var page = await Partners.ListAsync(new PartnerQuery { Sort = sort, Descending = descending });

        Assert.Equal(expected, string.Join(",", page.Rows.Select(r => r.Name)));
    }

    public static TheoryData<PartnerSort, bool> EverySortBothWays()
    {
        var data = new TheoryData<PartnerSort, bool>();
        foreach (var sort in Enum.GetValues<PartnerSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }

        return data;
    }

    // Over the enum, so a new sort needs its key here; pages of three, so the order holds across pages.
    [Theory]
    [MemberData(nameof(EverySortBothWays))]
    public async Task Every_sort_orders_the_list_both_ways(PartnerSort sort, bool descending)
    {
        await using (var db = Database.CreateContext())
        {
            // Two partners per owner, so ties fall back to the name; names in mixed case, as names sort regardless of case.
            foreach (var (name, stage, owner, region, stageDaysAgo, assessedDaysAgo) in new (string, Stage?, string, string, int, int)[]
            {
                ("Ash Apps", Stage.Soaring, TestData.Manager.UserId, "DACH", 200, 5),
                ("birch Build", Stage.Despair, TestData.Administrator.UserId, "APAC", 30, 20),
                ("Cedar Cloud", null, TestData.OtherManager.UserId, "Nordics", 0, 0),
                ("Dune Data", Stage.Hopeful, TestData.OtherManager.UserId, "EMEA", 90, 60),
                ("elm Edge", Stage.Plateau, TestData.Manager.UserId, "Americas", 10, 2),
                ("Fir Field", Stage.Denial, TestData.Administrator.UserId, "UK & Ireland", 400, 100),
            })
            {
                var partner = new Partner(name, region, SolutionArea.Security, ProgrammeLevel.Member, TestData.Today.AddYears(-2), owner);
                if (stage is { } s)
                {
                    partner.RecordStage(s, TestData.Today.AddDays(-stageDaysAgo), null, null);
                    partner.MarkAssessed(TestData.Today.AddDays(-assessedDaysAgo), momentum: null);
                }

                db.Partners.Add(partner);
            }

            await db.SaveChangesAsync();
        }

        var listed = new List<PartnerRow>();
        for (var page = 0; page < 2; page++)
        {
            var rows = await Partners.ListAsync(new PartnerQuery { Sort = sort, Descending = descending, PageSize = 3, Page = page });
            Assert.Equal(6, rows.Total);
            listed.AddRange(rows.Rows);
        }

        // Unassessed partners (no stage, no dates) come first ascending and last descending.
        Func<PartnerRow, IComparable?> key = sort switch
        {
            PartnerSort.Name => r => r.Name.ToUpperInvariant(),
            PartnerSort.Stage => r => r.CurrentStage?.HealthRank() ?? -1,
            PartnerSort.LastAssessed => r => r.LastAssessedOn,
            PartnerSort.StageSince => r => r.StageSince,
            PartnerSort.Owner => r => r.OwnerName.ToUpperInvariant(),
            PartnerSort.Region => r => r.Region.ToUpperInvariant(),
            _ => throw new InvalidOperationException($"No expected order for {sort}: add its key to this test."),
        };
        var expected = (descending ? listed.OrderByDescending(key) : listed.OrderBy(key))
            .ThenBy(r => r.Name.ToUpperInvariant(), StringComparer.Ordinal);
        Assert.Equal(expected.Select(r => r.Name), listed.Select(r => r.Name));
        Assert.Equal(6, listed.DistinctBy(r => r.Id).Count());
    }

    [Fact]
    public async Task A_partner_whose_audit_entry_cannot_be_written_is_not_created()
    {
        await Database.RefuseInsertsAsync("AuditEntries", "disk full");

        await Assert.ThrowsAsync<DbUpdateException>(() => Partners.CreateAsync(TestData.Manager, TestData.Partner()));

        await using var check = Database.CreateContext();
        Assert.False(await check.Partners.AnyAsync());
    }

    [Fact]
    public async Task Of_managers_creating_the_same_name_at_once_one_succeeds_and_the_others_hear_it_exists()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Fabrikam"));
                return null;
            }
            catch (Exception error)
            {
                return error;
            }
        })));

        Assert.Single(attempts, a => a is null);
        Assert.All(attempts.OfType<Exception>(), error =>
            Assert.Equal("A partner named \"Fabrikam\" already exists.", Assert.IsType<DomainException>(error).Message));
    }

    [Fact]
    public async Task Saving_a_partner_unchanged_writes_no_audit_entry_and_keeps_its_row_version()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        var partner = (await Partners.GetAsync(id))!;

        await Partners.UpdateAsync(TestData.Manager, id, partner.ToInput(), partner.RowVersion);

        Assert.Equal(partner.RowVersion, (await Partners.GetAsync(id))!.RowVersion);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Edited));
    }
}
