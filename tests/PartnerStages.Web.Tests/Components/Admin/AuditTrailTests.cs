using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Partners;
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
        db.AuditEntries.Add(new AuditEntry(TestData.Today.ToDateTime(TimeOnly.MinValue), TestData.AdministratorId, "admin@example.com",
            AuditAction.Edited, "Partner", "1", "Hand-written entry.", "not { json", """{"Region":"APAC"}"""));
        await db.SaveChangesAsync();

        // An edit as PartnerService records it: the whole snapshot on both sides, JSON-escaped.
        var partners = Services.GetRequiredService<PartnerService>();
        var id = await partners.CreateAsync(TestData.Manager, TestData.Partner(name: "Fabrikam"));
        var edit = TestData.Partner(name: "Fabrikam", region: "Benelux", joined: new DateOnly(2024, 3, 31), ownerId: TestData.OtherManagerId);
        edit.Notes = "Ask <Jan> & team";
        await partners.UpdateAsync(TestData.Administrator, id, edit, (await partners.GetAsync(id))!.RowVersion);
    }

    [Fact]
    public void The_kind_of_each_entry_reads_as_words()
    {
        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.Contains("Failed sign-in for someone@example.com.", page.Markup, StringComparison.Ordinal), Patience);
        var kind = page.FindAll("tr").Single(r => r.TextContent.Contains("someone@example.com", StringComparison.Ordinal))
            .QuerySelector("td[data-label=Kind]")!.TextContent.Trim();
        Assert.Equal("Sign-in failed", kind);
        Assert.DoesNotContain("SignInFailed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_changed_no_field_marks_its_empty_change_cell_for_the_phone_cards_to_leave_out()
    {
        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.Contains("Edited partner Fabrikam.", page.Markup, StringComparison.Ordinal), Patience);
        string? ChangeCellClass(string summary) => page.FindAll("tr").Single(r => r.TextContent.Contains(summary, StringComparison.Ordinal))
            .QuerySelector("td[data-label='Before → after']")!.GetAttribute("class");
        Assert.Contains("audit-no-changes", ChangeCellClass("Failed sign-in for someone@example.com."), StringComparison.Ordinal);
        Assert.DoesNotContain("audit-no-changes", ChangeCellClass("Edited partner Fabrikam.") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("audit-no-changes", ChangeCellClass("Hand-written entry.") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_reads_one_line_per_changed_field_with_names_and_dates_as_the_reader_writes_them()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        try
        {
            var page = Render<AuditTrail>();

            page.WaitForAssertion(() => Assert.Contains("Edited partner Fabrikam.", page.Markup, StringComparison.Ordinal), Patience);
            var row = page.FindAll("tr").Single(r => r.TextContent.Contains("Edited partner Fabrikam.", StringComparison.Ordinal));
            var lines = row.QuerySelectorAll("td[data-label='Before → after'] li").Select(li => Squeeze(li.TextContent));
            Assert.Equal(
                [
                    "Region: EMEA → changed to Benelux",
                    "Joined programme: 15/01/2024 → changed to 31/03/2024",
                    "Owner: Casey Manager → changed to Robin Other",
                    "Notes: — → changed to Ask <Jan> & team",
                ], lines);
            Assert.DoesNotContain("u003C", row.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(TestData.OtherManagerId, row.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_state_that_is_not_JSON_is_shown_as_stored()
    {
        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.Contains("Hand-written entry.", page.Markup, StringComparison.Ordinal), Patience);
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("Hand-written entry.", StringComparison.Ordinal));
        Assert.Equal("""not { json → {"Region":"APAC"}""", Squeeze(row.QuerySelector("td[data-label='Before → after']")!.TextContent));
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
