using System.Text;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;

namespace PartnerStages.Web.Tests.Components.Admin;

// The import page over the real import service: choose a file, read the report, import.
public sealed class ImportPageTests : ComponentTestBase
{
    private const string Header = "Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail,Notes";

    protected override async Task ArrangeAsync()
    {
        await base.ArrangeAsync();
        SignInAs(TestData.Administrator);
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => RenderWithProviders(b =>
    {
        b.OpenComponent<Web.Components.Pages.Admin.Import>(0);
        b.CloseComponent();
    });

    private static void Choose(IRenderedComponent<ContainerFragment> page, byte[] file) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "partners.csv", contentType: "text/csv"));

    private static byte[] Partners(string solutionArea) => Encoding.UTF8.GetBytes(
        $"{Header}\nAdatum Analytics,EMEA,Data & AI,Member,2024-02-01,{TestData.Email(TestData.Manager)},\nTailspin Security,APAC,{solutionArea},Expert,2023-09-15,{TestData.Email(TestData.OtherManager)},\n");

    [Fact]
    public async Task A_reported_row_blocks_the_import_until_a_fixed_file_is_chosen_and_imported()
    {
        var page = RenderPage();

        Choose(page, Partners("Quantum Computing"));

        page.WaitForAssertion(() => Assert.Contains("Unknown solution area", page.Find("[aria-label=Problems]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Fix these rows", page.Find("[aria-label='Import report']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Import 2 rows", StringComparison.Ordinal));

        Choose(page, Partners("Security"));
        page.WaitForAssertion(() => Assert.Contains("No problems found", page.Markup, StringComparison.Ordinal));
        page.FindAll("button").Single(b => b.TextContent.Contains("Import 2 rows", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("Open the partner list", page.Markup, StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        Assert.Equal(["Adatum Analytics", "Tailspin Security"], await db.Partners.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync());
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_as_a_whole_with_its_reason()
    {
        var page = RenderPage();

        Choose(page, Encoding.Latin1.GetBytes($"{Header}\nSociété Générale,EMEA,Data & AI,Member,2024-02-01,{TestData.Email(TestData.Manager)},\n"));

        page.WaitForAssertion(() => Assert.Contains("not UTF-8", page.Find("[aria-label=Problems]").TextContent, StringComparison.Ordinal));
        var report = page.Find("[aria-label='Import report']").TextContent;
        Assert.Contains("Nothing was imported.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix these rows", report, StringComparison.Ordinal);
    }
}
