using Microsoft.EntityFrameworkCore;
using PartnerStages.Data;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Data;

// What the database itself must enforce, on each provider alike, below the services' own checks.
public sealed class ProviderBehaviourTests : ServiceTestBase
{
    [Theory]
    [InlineData("Contoso", "CONTOSO")]
    [InlineData("Fabrikam Ltd", "  fabrikam ltd ")]
    [InlineData("Café Nord", "CAFÉ NORD")]
    public async Task Partner_names_are_unique_whatever_their_case(string first, string second)
    {
        await using (var db = Database.CreateContext())
        {
            db.Partners.Add(TestData.PartnerRow(name: first));
            await db.SaveChangesAsync();
        }

        await using var other = Database.CreateContext();
        other.Partners.Add(TestData.PartnerRow(name: second));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
        Assert.IsNotType<DbUpdateConcurrencyException>(error);
    }

    [Fact]
    public async Task A_save_over_a_row_changed_since_it_was_read_is_refused_as_a_conflict()
    {
        int id;
        await using (var db = Database.CreateContext())
        {
            var partner = TestData.PartnerRow();
            db.Partners.Add(partner);
            await db.SaveChangesAsync();
            id = partner.Id;
        }

        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await first.Partners.SingleAsync(p => p.Id == id);
        var theirs = await second.Partners.SingleAsync(p => p.Id == id);
        theirs.Rename("Contoso Northwind");
        await second.SaveChangesAsync();
        mine.Rename("Contoso Southwind");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        await using var check = Database.CreateContext();
        var stored = await check.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal("Contoso Northwind", stored.Name);
        Assert.Equal(1, stored.RowVersion);
    }

    [Fact]
    public async Task Instants_read_back_as_the_same_UTC_instant()
    {
        var recorded = new DateTime(2026, 11, 26, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);
        await using (var db = Database.CreateContext())
        {
            db.AuditEntries.Add(new Core.Audit.AuditEntry(recorded, TestData.ManagerId, "manager", Core.Audit.AuditAction.Created,
                "Partner", "1", "Created a partner.", null, null));
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == "Partner");

        // PostgreSQL keeps microseconds; SQLite keeps ticks.
        Assert.Equal(recorded.Ticks / 10, DateTime.SpecifyKind(stored.AtUtc, DateTimeKind.Utc).Ticks / 10);
    }
}
