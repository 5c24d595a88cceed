using System.Text;
using Microsoft.Playwright;
using PartnerStages.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace PartnerStages.EndToEndTests;

// An administrator fills an empty portfolio: from a spreadsheet (with a mistake to fix first) or
// from the generated sample.
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly KestrelAppFactory _app = new();
    private BrowserSession _admin = null!;

    private IPage Page => _admin.Page;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync(TestData.Administrator);
        _admin = await BrowserSession.OpenAsync(browser.Browser, _app.BaseAddress);
        await _admin.SignInAsync(TestData.Email(TestData.Administrator), TestData.DisplayName(TestData.Administrator));
    }

    public async Task DisposeAsync()
    {
        await _admin.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static FilePayload Csv(string solutionArea) => new()
    {
        Name = "partners.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(
            "Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail,Notes\n" +
            $"Adatum Analytics,EMEA,Data & AI,Member,2024-02-01,{TestData.Email(TestData.Administrator)},From the spring event\n" +
            $"Tailspin Security,APAC,{solutionArea},SolutionsPartner,2023-09-15,{TestData.Email(TestData.Administrator)},\n"),
    };

    [Fact]
    public async Task An_administrator_fixes_a_reported_row_imports_and_finds_the_partners()
    {
        await _admin.GotoAsync("/admin/import");
        await Page.Locator("input[type=file]").Last.SetInputFilesAsync(Csv("Quantum Computing"));

        var problems = Page.GetByRole(AriaRole.Table, new() { Name = "Problems" });
        await Expect(problems).ToContainTextAsync("Unknown solution area");
        await Expect(problems).ToContainTextAsync("SolutionArea");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" })).ToHaveCountAsync(0);
        await _admin.ScreenshotAsync("import-report");

        // MudFileUpload adds a fresh input for each new choice; the newest is the live one.
        await Page.Locator("input[type=file]").Last.SetInputFilesAsync(Csv("Security"));
        await Expect(Page.GetByText("No problems found: the file is ready to import.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Open the partner list" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Adatum Analytics" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Tailspin Security" })).ToBeVisibleAsync();
        Assert.Empty(_admin.ConsoleErrors);
    }

    [Fact]
    public async Task An_administrator_loads_a_sample_portfolio_from_the_empty_list()
    {
        await _admin.GotoAsync("/partners");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Load a sample portfolio" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Load sample" }).ClickAsync();

        await Expect(Page.GetByTestId("partner-total")).ToHaveTextAsync("60 partners", new() { Timeout = 60_000 });
        Assert.Empty(_admin.ConsoleErrors);
    }
}
