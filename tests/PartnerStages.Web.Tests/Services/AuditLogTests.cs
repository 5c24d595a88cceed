using PartnerStages.Core.Audit;
using PartnerStages.Data.Audit;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

public sealed class AuditLogTests : ServiceTestBase
{
    private AuditSearch Search => Get<AuditSearch>();

    [Fact]
    public async Task The_trail_filters_by_user_partner_kind_and_date()
    {
        var first = await Get<PartnerService>().CreateAsync(TestData.Manager, TestData.Partner(name: "First"));
        var second = await Get<PartnerService>().CreateAsync(TestData.Administrator, TestData.Partner(name: "Second"));
        await Get<PartnerService>().ArchiveAsync(TestData.Manager, first, (await Get<PartnerService>().GetAsync(first))!.RowVersion);
        await Get<AuditLog>().RecordAccountEventAsync(AuditAction.SignInFailed, null, "stranger@example.com", "Failed sign-in for stranger@example.com.");

        Assert.Equal(4, (await Search.ListAsync(new AuditQuery())).Total);
        Assert.Equal(2, (await Search.ListAsync(new AuditQuery { PartnerId = first })).Total);
        Assert.Single((await Search.ListAsync(new AuditQuery { PartnerId = second })).Entries);
        Assert.Equal(2, (await Search.ListAsync(new AuditQuery { User = TestData.Manager.UserId })).Total);
        Assert.Equal(1, (await Search.ListAsync(new AuditQuery { User = "stranger" })).Total);
        Assert.Equal(AuditAction.Archived, Assert.Single((await Search.ListAsync(new AuditQuery { Action = AuditAction.Archived })).Entries).Action);
        Assert.Equal(4, (await Search.ListAsync(new AuditQuery { From = TestData.Today, To = TestData.Today })).Total);
        Assert.Equal(0, (await Search.ListAsync(new AuditQuery { From = TestData.Today.AddDays(1) })).Total);
    }

    [Fact]
    public async Task An_account_event_stores_at_most_the_column_lengths_of_what_was_typed()
    {
        var typed = new string('a', 1_000_000) + "@example.com";

        await Get<AuditLog>().RecordAccountEventAsync(AuditAction.SignInFailed, null, typed, $"Failed sign-in for {typed}.");

        var entry = Assert.Single((await Search.ListAsync(new AuditQuery())).Entries);
        Assert.Equal(256, entry.UserName!.Length);
        Assert.Equal(1000, entry.Summary.Length);
        Assert.StartsWith("Failed sign-in for aaaa", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_entry_comes_with_the_fields_it_changed_and_the_names_of_the_users_they_name()
    {
        var partners = Get<PartnerService>();
        var id = await partners.CreateAsync(TestData.Manager, TestData.Partner());
        await partners.UpdateAsync(TestData.Administrator, id, TestData.Partner(ownerId: TestData.OtherManagerId),
            (await partners.GetAsync(id))!.RowVersion);

        var page = await Search.ListAsync(new AuditQuery { Action = AuditAction.Edited });

        var owner = Assert.Single(Assert.Single(page.Rows).Changes.Fields);
        Assert.Equal(("Owner", AuditValueKind.User), (owner.Label, owner.After!.Kind));
        Assert.Equal("Casey Manager", page.UserNames[owner.Before!.Text]);
        Assert.Equal("Robin Other", page.UserNames[owner.After.Text]);
    }
}
