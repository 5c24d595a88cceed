using Bunit;
using PartnerStages.Core.Audit;
using PartnerStages.Web.Components.Pages.Admin;

namespace PartnerStages.Web.Tests.Components.Admin;

public sealed class AuditTrailTests : ComponentTestBase
{
    protected override async Task ArrangeAsync()
    {
        SignInAs(TestData.Administrator);
        await using var db = Database.CreateContext();
        db.AuditEntries.Add(new AuditEntry(TestData.Today.ToDateTime(TimeOnly.MinValue), null, "someone@example.com",
            AuditAction.SignInFailed, "User", null, "Failed sign-in for someone@example.com."));
        await db.SaveChangesAsync();
    }

    [Fact]
    public void The_kind_of_each_entry_reads_as_words()
    {
        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.Contains("Failed sign-in for someone@example.com.", page.Markup, StringComparison.Ordinal), Patience);
        var kind = page.Find("td[data-label=Kind]").TextContent.Trim();
        Assert.Equal("Sign-in failed", kind);
        Assert.DoesNotContain("SignInFailed", page.Markup, StringComparison.Ordinal);
    }
}
