using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Bulk;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

// The bulk insert and update must write a row exactly as SaveChanges would: each test saves one
// entity through EF and a twin in bulk, then compares the two rows column by column as stored.
public sealed class BulkWriteTests : ServiceTestBase
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 30, 15, 123, DateTimeKind.Utc);

    private static void AssertStamped(Dictionary<string, object?> row) =>
        Assert.False(Convert.ToString(row["ChangedAtUtc"], System.Globalization.CultureInfo.InvariantCulture)!.StartsWith("0001", StringComparison.Ordinal),
            "The partner row carries no change stamp.");

    [Fact]
    public async Task A_partner_row_is_the_row_SaveChanges_writes()
    {
        // Every column set, nullable ones included, so a column the bulk insert missed would differ.
        static Partner Full(string name)
        {
            var partner = new Partner(name, "EMEA", SolutionArea.DataAndAi, ProgrammeLevel.Expert, new DateOnly(2024, 2, 29), TestData.Manager.UserId);
            partner.UpdateDetails("EMEA", SolutionArea.DataAndAi, ProgrammeLevel.Expert, new DateOnly(2024, 2, 29), "Notes with ünïcode, \"quotes\" and ; semicolons");
            partner.RecordStage(Stage.Despair, new DateOnly(2026, 1, 31), null, null);
            partner.RecordStage(Stage.Hopeful, new DateOnly(2026, 3, 31), Stage.Despair, "Board approved the new practice lead.");
            partner.MarkAssessed(new DateOnly(2026, 3, 31), -2.5);
            partner.Archive(new DateOnly(2026, 6, 30));
            return partner;
        }

        var (viaEf, viaBulk) = await SaveBothAsync(Full("Through EF"), Full("Through bulk"));

        // The change stamp is when each was written: set by both, the same only by chance.
        Assert.Equal(Without(viaEf, "Name", "NormalizedName", "ChangedAtUtc"), Without(viaBulk, "Name", "NormalizedName", "ChangedAtUtc"));
        Assert.Equal(("Through bulk", "THROUGH BULK"), ((string)viaBulk["Name"]!, (string)viaBulk["NormalizedName"]!));
        AssertStamped(viaEf);
        AssertStamped(viaBulk);
    }

    [Fact]
    public async Task An_assessment_row_with_its_inputs_and_verdict_is_the_row_SaveChanges_writes()
    {
        var partnerId = await AddPartnerAsync();
        var history = new PartnerHistory(new DateOnly(2026, 10, 31), new DateOnly(2024, 1, 1), Stage.Despair, Stage.Hopeful, 48.4);
        var verdict = StageClassifier.Explain(TestData.Inputs(fieldContacts: null), history, RuleSet.Default);
        Assessment Full()
        {
            var assessment = new Assessment(partnerId, TestData.Manager.UserId, TestData.Inputs(fieldContacts: null), "Evidence", history, verdict, Now);
            assessment.Void("Entered twice.", TestData.Administrator.UserId, Now.AddDays(1));
            return assessment;
        }

        var (viaEf, viaBulk) = await SaveBothAsync(Full(), Full());

        Assert.Equal(Without(viaEf), Without(viaBulk));
        // The history the rules read is stored with the verdict, and no explanation text.
        Assert.Equal("Despair", viaBulk["PreviousStage"]);
        Assert.Equal("Hopeful", viaBulk["PeakStage"]);
        Assert.Equal(48.4, viaBulk["PreviousMaturityIndex"]);
        // SQLite reads every integer back as a long; PostgreSQL as the column's own type.
        Assert.Equal(33L, Convert.ToInt64(viaBulk["TenureMonths"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("VerdictExplanation", viaBulk.Keys);
    }

    [Fact]
    public async Task A_stage_change_row_is_the_row_SaveChanges_writes()
    {
        var partnerId = await AddPartnerAsync();
        StageChange Full() => new(partnerId, Stage.Soaring, Stage.Plateau, new DateOnly(2026, 9, 30), StageChangeCause.Override, null,
            TestData.Administrator.UserId, "Lost both certified architects.", Now);

        var (viaEf, viaBulk) = await SaveBothAsync(Full(), Full());

        Assert.Equal(Without(viaEf), Without(viaBulk));
    }

    // The bulk writers bind values to SQLite themselves: instants to the tick and text beyond ASCII
    // (a character outside the Basic Multilingual Plane, control characters) land as SaveChanges writes them.
    [Theory]
    [InlineData(0L, "Plain")]
    [InlineData(1L, "Café, naïve and a rocket \U0001F680")]
    [InlineData(1_234_567L, "Tab\tand\r\nnew line")]
    [InlineData(5_000_000L, "Non-breaking\u00A0space, right-to-left \u05E9\u05DC\u05D5\u05DD")]
    public async Task A_stage_change_keeps_every_tick_and_character_as_SaveChanges_writes_them(long ticks, string reason)
    {
        var partnerId = await AddPartnerAsync();
        var at = new DateTime(2026, 11, 26, 9, 30, 15, DateTimeKind.Utc).AddTicks(ticks);
        StageChange Full() => new(partnerId, null, Stage.Denial, new DateOnly(2026, 1, 1), StageChangeCause.Override, null,
            TestData.Administrator.UserId, reason, at);

        var (viaEf, viaBulk) = await SaveBothAsync(Full(), Full());

        Assert.Equal(Without(viaEf), Without(viaBulk));
        Assert.Equal(reason, viaBulk["Reason"]);
    }

    [Fact]
    public async Task The_generated_key_is_set_on_the_entity_and_the_stage_change_points_at_its_assessment()
    {
        var partnerId = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var assessments = Enumerable.Range(1, 3).Select(month => new PartnerHistory(new DateOnly(2026, month, 28), new DateOnly(2024, 1, 1)))
            .Select(history => new Assessment(partnerId, TestData.Manager.UserId, TestData.Inputs(), null, history,
                StageClassifier.Explain(TestData.Inputs(), history, RuleSet.Default), Now)).ToList();
        await using (var writer = new AssessmentBulkWriter(db))
        {
            await writer.AddAsync(assessments[0], new StageTransition(null, Stage.Hopeful, StageChangeCause.Rules));
            await writer.AddAsync(assessments[1], null);
            await writer.AddAsync(assessments[2], new StageTransition(Stage.Hopeful, Stage.Soaring, StageChangeCause.Rules));
            await writer.FlushAsync();
        }

        await transaction.CommitAsync();

        var stored = await db.Assessments.AsNoTracking().OrderBy(a => a.AssessedOn).Select(a => new { a.Id, a.AssessedOn }).ToListAsync();
        Assert.Equal(stored.Select(a => a.Id), assessments.Select(a => a.Id));
        Assert.Equal(3, assessments.Select(a => a.Id).Distinct().Count(id => id > 0));
        var changes = await db.StageChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(new int?[] { assessments[0].Id, assessments[2].Id }, changes.Select(c => c.AssessmentId));
        Assert.Equal(new[] { new DateOnly(2026, 1, 28), new DateOnly(2026, 3, 28) }, changes.Select(c => c.ChangedOn));
    }

    [Fact]
    public async Task Thousands_of_check_ins_land_with_their_keys_and_each_stage_change_points_at_its_own()
    {
        // More rows than one batch of PostgreSQL's COPY and than one block of keys drawn from its sequence.
        var partnerId = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var history = new PartnerHistory(new DateOnly(2026, 1, 28), new DateOnly(2024, 1, 1));
        var verdict = StageClassifier.Explain(TestData.Inputs(), history, RuleSet.Default);
        var assessments = Enumerable.Range(0, 6_200)
            .Select(i => new Assessment(partnerId, TestData.Manager.UserId, TestData.Inputs(), $"#{i}", history, verdict, Now)).ToList();
        await using (var writer = new AssessmentBulkWriter(db))
        {
            foreach (var assessment in assessments)
            {
                await writer.AddAsync(assessment, new StageTransition(null, Stage.Hopeful, StageChangeCause.Rules));
            }

            await writer.FlushAsync();
        }

        await transaction.CommitAsync();

        Assert.Equal(assessments.Count, assessments.Select(a => a.Id).Distinct().Count());
        var stored = await db.Assessments.AsNoTracking().Select(a => new { a.Id, a.Evidence }).ToDictionaryAsync(a => a.Id, a => a.Evidence);
        Assert.Equal(assessments.ToDictionary(a => a.Id, a => a.Evidence), stored);
        var pointedAt = await db.StageChanges.AsNoTracking().Select(c => c.AssessmentId).ToListAsync();
        Assert.Equal(assessments.Select(a => (int?)a.Id).Order(), pointedAt.Order());
    }

    [Fact]
    public async Task A_partner_updated_in_bulk_is_the_row_SaveChanges_writes_with_the_row_version_raised()
    {
        var (efId, bulkId) = (await AddPartnerAsync(), await AddPartnerAsync());
        static void Change(Partner partner)
        {
            partner.UpdateDetails("APAC", SolutionArea.Infrastructure, ProgrammeLevel.Specialist, new DateOnly(2023, 5, 1), "Moved to the APAC team.");
            partner.AssignOwner(TestData.OtherManager.UserId);
            partner.RecordStage(Stage.Soaring, new DateOnly(2026, 10, 31), null, "Strategic account.");
            partner.MarkAssessed(new DateOnly(2026, 10, 31), 4.2);
        }

        await using var db = Database.CreateContext();
        var viaEf = await db.Partners.SingleAsync(p => p.Id == efId);
        Change(viaEf);
        await db.SaveChangesAsync();
        var viaBulk = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == bulkId);
        await using (var update = new BulkUpdate<Partner>(db))
        {
            update.Remember(viaBulk);
            Change(viaBulk);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await update.UpdateAsync(viaBulk));
            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var (efRow, bulkRow) = (await ReadRowAsync(db, "Partners", efId), await ReadRowAsync(db, "Partners", bulkId));
        Assert.Equal(Without(efRow, "Name", "NormalizedName", "ChangedAtUtc"), Without(bulkRow, "Name", "NormalizedName", "ChangedAtUtc"));
        Assert.Equal((1L, 1), (Convert.ToInt64(bulkRow["RowVersion"], System.Globalization.CultureInfo.InvariantCulture), viaBulk.RowVersion));
        // The update moved the stamp on, as SaveChanges does, so the API's change feed sees it.
        var added = await db.Partners.AsNoTracking().Where(p => p.Id == efId || p.Id == bulkId).Select(p => p.ChangedAtUtc).ToListAsync();
        Assert.True(viaBulk.ChangedAtUtc >= added.Min(), "The bulk update did not move the change stamp on.");
        AssertStamped(bulkRow);
    }

    [Fact]
    public async Task A_bulk_update_of_a_row_someone_changed_since_it_was_read_is_refused()
    {
        var id = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        var stale = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        await using (var other = Database.CreateContext())
        {
            (await other.Partners.SingleAsync(p => p.Id == id)).UpdateDetails("LATAM", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), "Their edit.");
            await other.SaveChangesAsync();
        }

        await using (var update = new BulkUpdate<Partner>(db))
        {
            update.Remember(stale);
            stale.UpdateDetails("APAC", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), "My edit.");
            await using var transaction = await db.Database.BeginTransactionAsync();
            // SQLite meets the conflict as the row is updated, PostgreSQL as its batch is sent.
            var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () =>
            {
                await update.UpdateAsync(stale);
                await update.FlushAsync();
            });
            Assert.Contains("changed or deleted by someone else", error.Message, StringComparison.Ordinal);
        }

        var stored = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(("LATAM", "Their edit.", 1), (stored.Region, stored.Notes, stored.RowVersion));
    }

    [Fact]
    public async Task A_bulk_update_writes_only_the_columns_the_entity_changed()
    {
        var id = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        // A column changed behind the entity's back (row version untouched) shows which columns the update wrote.
        await db.Database.ExecuteSqlAsync($"UPDATE \"Partners\" SET \"Notes\" = 'Written by someone else.' WHERE \"Id\" = {id}");
        await using var update = new BulkUpdate<Partner>(db);
        update.Remember(partner);
        partner.UpdateDetails("APAC", partner.SolutionArea, partner.ProgrammeLevel, partner.JoinedProgrammeOn, partner.Notes);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.True(await update.UpdateAsync(partner));
            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var stored = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(("APAC", "Written by someone else.", 1, 1), (stored.Region, stored.Notes, stored.RowVersion, partner.RowVersion));
    }

    [Fact]
    public async Task Rows_written_together_each_write_only_the_columns_they_changed()
    {
        var (movedId, notedId) = (await AddPartnerAsync(), await AddPartnerAsync());
        await using var db = Database.CreateContext();
        var partners = await db.Partners.AsNoTracking().Where(p => p.Id == movedId || p.Id == notedId).ToDictionaryAsync(p => p.Id);
        // Each row's other column changed behind the entity's back (row versions untouched).
        await db.Database.ExecuteSqlAsync($"UPDATE \"Partners\" SET \"Notes\" = 'Written by someone else.' WHERE \"Id\" = {movedId}");
        await db.Database.ExecuteSqlAsync($"UPDATE \"Partners\" SET \"Region\" = 'LATAM' WHERE \"Id\" = {notedId}");
        await using var update = new BulkUpdate<Partner>(db);
        var (moved, noted) = (partners[movedId], partners[notedId]);
        update.Remember(moved);
        update.Remember(noted);
        moved.UpdateDetails("APAC", moved.SolutionArea, moved.ProgrammeLevel, moved.JoinedProgrammeOn, moved.Notes);
        noted.UpdateDetails(noted.Region, noted.SolutionArea, noted.ProgrammeLevel, noted.JoinedProgrammeOn, "My note.");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.True(await update.UpdateAsync(moved));
            Assert.True(await update.UpdateAsync(noted));
            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var stored = await db.Partners.AsNoTracking().Where(p => p.Id == movedId || p.Id == notedId).ToDictionaryAsync(p => p.Id);
        Assert.Equal(("APAC", "Written by someone else.", 1), (stored[movedId].Region, stored[movedId].Notes, stored[movedId].RowVersion));
        Assert.Equal(("LATAM", "My note.", 1), (stored[notedId].Region, stored[notedId].Notes, stored[notedId].RowVersion));
    }

    [Fact]
    public async Task A_row_that_did_not_change_is_not_written_and_keeps_its_row_version_unless_claimed()
    {
        var (leftAlone, claimed) = (await AddPartnerAsync(), await AddPartnerAsync());
        await using var db = Database.CreateContext();
        var partners = await db.Partners.AsNoTracking().Where(p => p.Id == leftAlone || p.Id == claimed).ToDictionaryAsync(p => p.Id);
        await using var update = new BulkUpdate<Partner>(db);
        foreach (var partner in partners.Values)
        {
            update.Remember(partner);
            // Set to what it already holds: no change.
            partner.UpdateDetails(partner.Region, partner.SolutionArea, partner.ProgrammeLevel, partner.JoinedProgrammeOn, partner.Notes);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.False(await update.UpdateAsync(partners[leftAlone]));
            Assert.True(await update.UpdateAsync(partners[claimed], claim: true));
            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var versions = await db.Partners.AsNoTracking().Where(p => p.Id == leftAlone || p.Id == claimed).ToDictionaryAsync(p => p.Id, p => p.RowVersion);
        Assert.Equal((0, 1), (versions[leftAlone], versions[claimed]));
    }

    [Fact]
    public async Task A_claimed_row_someone_changed_since_it_was_read_is_refused_even_with_no_change_of_its_own()
    {
        var id = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        var stale = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        await using var update = new BulkUpdate<Partner>(db);
        update.Remember(stale);
        await using (var other = Database.CreateContext())
        {
            (await other.Partners.SingleAsync(p => p.Id == id)).UpdateDetails("LATAM", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), "Their edit.");
            await other.SaveChangesAsync();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () =>
        {
            await update.UpdateAsync(stale, claim: true);
            await update.FlushAsync();
        });
    }

    [Fact]
    public async Task More_updates_than_one_batch_all_land_with_their_row_versions_raised()
    {
        await using var db = Database.CreateContext();
        db.Partners.AddRange(Enumerable.Range(0, 1_500).Select(i =>
            new Partner($"Partner {i}", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), TestData.Manager.UserId)));
        await db.SaveChangesAsync();
        var partners = await db.Partners.AsNoTracking().ToListAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        await using (var update = new BulkUpdate<Partner>(db))
        {
            foreach (var partner in partners)
            {
                update.Remember(partner);
                partner.UpdateDetails("APAC", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), $"Note {partner.Id}");
                Assert.True(await update.UpdateAsync(partner));
            }

            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var stored = await db.Partners.AsNoTracking().ToListAsync();
        Assert.All(stored, p => Assert.Equal(("APAC", $"Note {p.Id}", 1), (p.Region, p.Notes, p.RowVersion)));
        Assert.All(partners, p => Assert.Equal(1, p.RowVersion));
    }

    [Fact]
    public async Task A_row_updated_twice_before_its_changes_are_written_gets_both_in_order()
    {
        var id = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        await using (var update = new BulkUpdate<Partner>(db))
        {
            update.Remember(partner);
            partner.UpdateDetails("APAC", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), "First");
            Assert.True(await update.UpdateAsync(partner));
            partner.UpdateDetails("LATAM", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), "Second");
            Assert.True(await update.UpdateAsync(partner));
            await update.FlushAsync();
            await transaction.CommitAsync();
        }

        var stored = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(("LATAM", "Second", 2), (stored.Region, stored.Notes, stored.RowVersion));
    }

    [Fact]
    public async Task A_bulk_update_of_a_row_not_remembered_as_read_is_refused()
    {
        var id = await AddPartnerAsync();
        await using var db = Database.CreateContext();
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        await using var update = new BulkUpdate<Partner>(db);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => update.UpdateAsync(partner));
        Assert.Contains("Remember", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_inserted_one_after_another_each_keep_their_own_converted_values()
    {
        // Repeated and alternating values: the insert reuses the last conversion only for an equal value.
        (string Name, SolutionArea Area, DateOnly Joined)[] rows =
        [
            ("First", SolutionArea.Security, new DateOnly(2024, 1, 31)),
            ("Second", SolutionArea.Security, new DateOnly(2024, 1, 31)),
            ("Third", SolutionArea.DataAndAi, new DateOnly(2024, 1, 31)),
            ("Fourth", SolutionArea.Security, new DateOnly(2025, 6, 30)),
        ];
        await using var db = Database.CreateContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using var partners = new BulkInsert<Partner>(db);
            foreach (var (name, area, joined) in rows)
            {
                await partners.AddAsync(new Partner(name, "EMEA", area, ProgrammeLevel.Member, joined, TestData.Manager.UserId));
            }

            await partners.FlushAsync();
            await transaction.CommitAsync();
        }

        var stored = await db.Partners.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Name, p.SolutionArea, p.JoinedProgrammeOn }).ToListAsync();
        Assert.Equal(rows, stored.Select(p => (p.Name, p.SolutionArea, p.JoinedProgrammeOn)));
    }

    [Fact]
    public async Task Rows_written_in_a_transaction_that_rolls_back_are_gone()
    {
        await using var db = Database.CreateContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using var partners = new BulkInsert<Partner>(db);
            await partners.AddAsync(new Partner("Rolled back", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.Today, TestData.Manager.UserId));
            await partners.FlushAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.Partners.CountAsync());
    }

    [Fact]
    public async Task A_bulk_insert_outside_a_transaction_is_refused()
    {
        await using var db = Database.CreateContext();

        var error = Assert.Throws<InvalidOperationException>(() => new BulkInsert<Partner>(db));
        Assert.Contains("transaction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_the_insert()
    {
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var partners = new BulkInsert<Partner>(db);
        await partners.AddAsync(new Partner("Twice", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.Today, TestData.Manager.UserId));

        // SQLite refuses the row as it is added, PostgreSQL as its batch is written.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(async () =>
        {
            await partners.AddAsync(new Partner("twice", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.Today, TestData.Manager.UserId));
            await partners.FlushAsync();
        });
    }

    private async Task<int> AddPartnerAsync()
    {
        await using var db = Database.CreateContext();
        var partner = new Partner("Contoso " + Guid.NewGuid().ToString("N"), "EMEA", SolutionArea.Security, ProgrammeLevel.Member, new DateOnly(2024, 1, 1), TestData.Manager.UserId);
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner.Id;
    }

    // Saves the first entity with SaveChanges and the second with the bulk insert; returns both rows as stored.
    private async Task<(Dictionary<string, object?> ViaEf, Dictionary<string, object?> ViaBulk)> SaveBothAsync<T>(T viaEf, T viaBulk) where T : class
    {
        await using var db = Database.CreateContext();
        db.Add(viaEf);
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using var insert = new BulkInsert<T>(db);
            await insert.AddAsync(viaBulk);
            await insert.FlushAsync();
            await transaction.CommitAsync();
        }

        var table = db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        var efId = db.Entry(viaEf).Property("Id").CurrentValue!;
        var bulkId = typeof(T).GetProperty("Id")!.GetValue(viaBulk)!;
        Assert.NotEqual(efId, bulkId);
        return (await ReadRowAsync(db, table, efId), await ReadRowAsync(db, table, bulkId));
    }

    private static async Task<Dictionary<string, object?>> ReadRowAsync(PartnerStagesDbContext db, string table, object id)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" = @id";
        var parameter = select.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        select.Parameters.Add(parameter);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No row {id} in {table}.");
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    private static Dictionary<string, object?> Without(Dictionary<string, object?> row, params string[] columns) =>
        row.Where(c => c.Key != "Id" && !columns.Contains(c.Key)).ToDictionary();
}
