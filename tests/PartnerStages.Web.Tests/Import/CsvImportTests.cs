using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Import;
using PartnerStages.Data.Partners;
using PartnerStages.Web.Tests.Services;

namespace PartnerStages.Web.Tests.Import;

public sealed class CsvImportTests : ServiceTestBase
{
    private const string PartnerHeader = "Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn,OwnerEmail,Notes,Archived";
    private const string AssessmentHeader = "PartnerName,AssessedOn,CapabilityScore,CertifiedPeople,NetCustomerAdds,CoSellWins,ActiveFieldContacts,Awards," +
        "ProgrammeFluency,DeliveryConfidence,InvestmentConviction,Agility,GoalAlignment,Evidence,Stage";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static string PartnerRow(string name = "Contoso", string area = "Data & AI", string level = "Solutions Partner",
        string joined = "2024-01-15", string owner = "manager@example.com", string notes = "", string archived = "false") =>
        $"{name},EMEA,{area},{level},{joined},{owner},{notes},{archived}";

    private static string AssessmentRow(string partner = "Contoso", string on = "2026-03-31", string fluency = "4", string delivery = "4",
        string capability = "60", string stage = "") =>
        $"{partner},{on},{capability},3,2,0,1,0,{fluency},{delivery},4,4,3,Quarterly check-in,{stage}";

    private CsvImportService Import => Get<CsvImportService>();

    private Task<ImportReport> ImportPartnersAsync(byte[] file, ExistingPartnerChoice existing = ExistingPartnerChoice.Update) =>
        Import.ImportAsync(TestData.Administrator, ImportKind.Partners, file, existing);

    private Task<ImportReport> ImportAssessmentsAsync(byte[] file) =>
        Import.ImportAsync(TestData.Administrator, ImportKind.Assessments, file, ExistingPartnerChoice.Skip);

    private async Task<int> CountPartnersAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Partners.CountAsync();
    }

    [Fact]
    public async Task A_good_partner_file_lands_whole_with_an_audit_entry()
    {
        var report = await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("Fabrikam", area: "Security", archived: "true"),
            PartnerRow("Northwind", area: "ModernWork", owner: "ADMIN@example.com", notes: "\"Met at the summit, 2025\"")));

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        Assert.Equal(3, report.NewPartners);
        await using var db = Database.CreateContext();
        var partners = await db.Partners.OrderBy(p => p.Name).ToListAsync();
        Assert.Equal(["Contoso", "Fabrikam", "Northwind"], partners.Select(p => p.Name));
        Assert.True(partners[1].IsArchived);
        Assert.Equal(TestData.AdministratorId, partners[2].OwnerId);
        Assert.Equal("Met at the summit, 2025", partners[2].Notes);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == Core.Audit.AuditAction.Imported).ToListAsync());
    }

    [Fact]
    public async Task A_file_with_one_bad_row_lands_nothing_and_names_the_row()
    {
        var report = await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("Fabrikam", joined: "15/01/2024"), PartnerRow("Northwind")));

        Assert.False(report.Committed);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(3, problem.Row);
        Assert.Equal("JoinedProgrammeOn", problem.Column);
        Assert.Equal(0, await CountPartnersAsync());
    }

    public static TheoryData<string, byte[], int, string, string> BadPartnerFiles => new()
    {
        { "missing column", Csv("Name,Region,SolutionArea,ProgrammeLevel,JoinedProgrammeOn", "Contoso,EMEA,Security,Member,2024-01-15"), 1, "OwnerEmail", "column is missing" },
        { "unknown solution area", Csv(PartnerHeader, PartnerRow(area: "Quantum")), 2, "SolutionArea", "Unknown solution area \"Quantum\"" },
        { "unknown programme level", Csv(PartnerHeader, PartnerRow(level: "Platinum")), 2, "ProgrammeLevel", "Unknown programme level" },
        { "bad date", Csv(PartnerHeader, PartnerRow(joined: "2024-13-01")), 2, "JoinedProgrammeOn", "not a date in the form yyyy-MM-dd" },
        { "duplicate names", Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("CONTOSO ")), 3, "Name", "already in row 2" },
        { "unknown owner", Csv(PartnerHeader, PartnerRow(owner: "nobody@example.com")), 2, "OwnerEmail", "No channel manager or administrator has the email" },
        { "executive as owner", Csv(PartnerHeader, PartnerRow(owner: "executive@example.com")), 2, "OwnerEmail", "No channel manager or administrator" },
        { "empty file", [], 0, "", "The file is empty" },
        { "header only", Csv(PartnerHeader), 0, "", "header but no rows" },
        { "wrong encoding", Encoding.Latin1.GetBytes(PartnerHeader + "\r\n" + PartnerRow("Société Générale") + "\r\n"), 0, "", "not UTF-8" },
        { "over the size limit", new byte[CsvFormat.MaxBytes + 1], 0, "", "larger than 32 MB" },
        { "bad archived flag", Csv(PartnerHeader, PartnerRow(archived: "maybe")), 2, "Archived", "not yes or no" },
    };

    [Theory]
    [MemberData(nameof(BadPartnerFiles))]
    public async Task Each_kind_of_bad_partner_file_gets_its_message(string kind, byte[] file, int row, string column, string message)
    {
        var report = await Import.PreviewAsync(TestData.Administrator, ImportKind.Partners, file, ExistingPartnerChoice.Update);

        Assert.False(report.CanImport, kind);
        Assert.Contains(report.Problems, p => p.Row == row && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.False((await ImportPartnersAsync(file)).Committed);
        Assert.Equal(0, await CountPartnersAsync());
    }

    [Fact]
    public async Task Too_many_rows_are_refused_with_the_limit_in_the_message()
    {
        var rows = Enumerable.Range(0, CsvFormat.MaxPartnerRows + 1).Select(i => PartnerRow($"Partner {i}"));
        var report = await Import.PreviewAsync(TestData.Administrator, ImportKind.Partners, Csv([PartnerHeader, .. rows]), ExistingPartnerChoice.Update);

        Assert.Contains(report.Problems, p => p.Message.Contains("more than 20,000 rows", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BadAssessmentRows => new()
    {
        { AssessmentRow(fluency: "6"), "ProgrammeFluency", "Programme fluency must be between 1 and 5." },
        { AssessmentRow(delivery: ""), "DeliveryConfidence", "A whole number is required." },
        { AssessmentRow(capability: "101"), "CapabilityScore", "Capability score must be between 0 and 100." },
        { AssessmentRow(capability: "lots"), "CapabilityScore", "\"lots\" is not a whole number." },
        { AssessmentRow(stage: "Euphoria"), "Stage", "Unknown stage \"Euphoria\"" },
        { AssessmentRow(on: "31.03.2026"), "AssessedOn", "not a date in the form yyyy-MM-dd" },
        { AssessmentRow(on: "2027-01-01"), "AssessedOn", "The check-in date cannot be in the future." },
        { AssessmentRow(partner: "Nobody Ltd"), "PartnerName", "No partner is named \"Nobody Ltd\"" },
    };

    [Theory]
    [MemberData(nameof(BadAssessmentRows))]
    public async Task Each_kind_of_bad_assessment_row_gets_its_message(string row, string column, string message)
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso")));

        var report = await ImportAssessmentsAsync(Csv(AssessmentHeader, AssessmentRow(on: "2026-02-28"), row));

        Assert.False(report.Committed);
        Assert.Contains(report.Problems, p => p.Row == 3 && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Assessments.CountAsync());
    }

    [Fact]
    public async Task Assessments_land_in_date_order_through_the_rules_and_the_regression_policy()
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso")));

        // Out of order in the file; the stage column disagrees with the rules and is ignored.
        var report = await ImportAssessmentsAsync(Csv(AssessmentHeader,
            AssessmentRow(on: "2026-03-31", fluency: "1", stage: "Soaring Execution"),
            AssessmentRow(on: "2026-01-31"),
            AssessmentRow(on: "2026-02-28", fluency: "1")));

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        await using var db = Database.CreateContext();
        var partner = await db.Partners.SingleAsync();
        var verdicts = await db.Assessments.OrderBy(a => a.AssessedOn).Select(a => a.Verdict.Stage).ToListAsync();
        Assert.Equal([Stage.Hopeful, Stage.Denial, Stage.Denial], verdicts);
        // Hopeful first; one Denial verdict is only pending; the repeat confirms it.
        Assert.Equal(Stage.Denial, partner.CurrentStage);
        Assert.Equal(new DateOnly(2026, 3, 31), partner.LastAssessedOn);
        var changes = await db.StageChanges.OrderBy(c => c.ChangedOn).Select(c => new { c.From, c.To }).ToListAsync();
        Assert.Equal([(null, Stage.Hopeful), (Stage.Hopeful, Stage.Denial)], changes.Select(c => ((Stage?)c.From, c.To)));
    }

    // Rows go to the database one by one as the commit runs: a failure half-way (here a trigger
    // refusing the third stage change) must take back everything written before it, and say so.
    [Fact]
    public async Task A_failure_half_way_through_writing_lands_nothing()
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("Fabrikam"), PartnerRow("Northwind")));
        await Database.RefuseInsertsAsync("StageChanges", "disk on fire", rowsFirst: 2);

        var report = await ImportAssessmentsAsync(Csv(AssessmentHeader, AssessmentRow("Contoso"), AssessmentRow("Fabrikam"), AssessmentRow("Northwind")));

        Assert.False(report.Committed);
        Assert.Contains("nothing was imported", Assert.Single(report.Problems).Message, StringComparison.Ordinal);

        await using var check = Database.CreateContext();
        Assert.Equal((0, 0), (await check.Assessments.CountAsync(), await check.StageChanges.CountAsync()));
        Assert.All(await check.Partners.ToListAsync(), p => Assert.Equal((null, null), (p.LastAssessedOn, p.CurrentStage)));
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.EntityType == "Assessment"));
    }

    [Fact]
    public async Task An_assessment_before_the_partners_latest_one_is_refused()
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso")));
        await ImportAssessmentsAsync(Csv(AssessmentHeader, AssessmentRow(on: "2026-06-30")));

        var report = await ImportAssessmentsAsync(Csv(AssessmentHeader, AssessmentRow(on: "2026-05-31")));

        var problem = Assert.Single(report.Problems);
        Assert.Equal((2, "AssessedOn"), (problem.Row, problem.Column));
        // The form's and the recording service's wording (CheckInRules), the date in the reader's culture.
        Assert.Equal($"The check-in date must be on or after the latest check-in ({new DateOnly(2026, 6, 30).ToString("d", CultureInfo.CurrentCulture)}).",
            problem.Message);
    }

    [Fact]
    public async Task Updating_a_partner_to_what_it_already_is_leaves_its_row_version_alone()
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("Fabrikam")));

        var report = await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso"), PartnerRow("Fabrikam", notes: "Now with notes")));

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        await using var db = Database.CreateContext();
        var versions = await db.Partners.OrderBy(p => p.Name).Select(p => new { p.Name, p.RowVersion, p.Notes }).ToListAsync();
        Assert.Equal([("Contoso", 0, (string?)null), ("Fabrikam", 1, "Now with notes")], versions.Select(v => (v.Name, v.RowVersion, v.Notes)));
    }

    [Theory]
    [InlineData(ExistingPartnerChoice.Update, "APAC", 1, 0)]
    [InlineData(ExistingPartnerChoice.Skip, "EMEA", 0, 1)]
    public async Task Existing_partners_are_updated_or_skipped_as_chosen(ExistingPartnerChoice choice, string region, int updated, int skipped)
    {
        await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("Contoso")));

        var report = await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow("CONTOSO").Replace("EMEA", "APAC", StringComparison.Ordinal), PartnerRow("Fabrikam")), choice);

        Assert.True(report.Committed);
        Assert.Equal((1, updated, skipped), (report.NewPartners, report.UpdatedPartners, report.SkippedPartners));
        await using var db = Database.CreateContext();
        Assert.Equal(region, (await db.Partners.SingleAsync(p => p.NormalizedName == "CONTOSO")).Region);
        Assert.Equal(2, await db.Partners.CountAsync());
    }

    [Theory]
    [InlineData("data & ai", "SOLUTIONS PARTNER", SolutionArea.DataAndAi, ProgrammeLevel.SolutionsPartner)]
    [InlineData("DataAndAi", "solutionspartner", SolutionArea.DataAndAi, ProgrammeLevel.SolutionsPartner)]
    [InlineData("Data_And_Ai", " Solutions  Partner ", SolutionArea.DataAndAi, ProgrammeLevel.SolutionsPartner)]
    [InlineData("modern work", "member", SolutionArea.ModernWork, ProgrammeLevel.Member)]
    public async Task Headers_and_choices_match_ignoring_case_spaces_and_underscores(string area, string level, SolutionArea expectedArea,
        ProgrammeLevel expectedLevel)
    {
        var header = "name,REGION,Solution area,programme_level,Joined Programme On,owner email,Notes,Archived";

        var report = await ImportPartnersAsync(Csv(header, PartnerRow(area: area, level: level)));

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        await using var db = Database.CreateContext();
        var partner = await db.Partners.SingleAsync();
        Assert.Equal((expectedArea, expectedLevel), (partner.SolutionArea, partner.ProgrammeLevel));
    }

    [Fact]
    public async Task A_region_in_another_case_of_a_known_one_is_the_known_one()
    {
        Assert.True((await ImportPartnersAsync(Csv(PartnerHeader, "Contoso,Benelux,Security,Member,2024-01-15,manager@example.com,,false"))).Committed);

        var report = await ImportPartnersAsync(Csv(PartnerHeader,
            "Fabrikam,BeNeLux,Security,Member,2024-01-15,manager@example.com,,false",
            "Northwind,Nordics,Security,Member,2024-01-15,manager@example.com,,false",
            "Tailspin, NORDICS ,Security,Member,2024-01-15,manager@example.com,,false"));

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        await using var db = Database.CreateContext();
        var regions = await db.Partners.OrderBy(p => p.Name).Select(p => p.Region).ToListAsync();
        Assert.Equal(["Benelux", "Benelux", "Nordics", "Nordics"], regions);
    }

    [Theory]
    [InlineData("Data AI")]
    [InlineData("Data & AI & more")]
    [InlineData("&")]
    public async Task A_choice_that_names_no_value_lists_the_values(string area)
    {
        var report = await ImportPartnersAsync(Csv(PartnerHeader, PartnerRow(area: area)));

        var problem = Assert.Single(report.Problems);
        Assert.Equal((2, "SolutionArea"), (problem.Row, problem.Column));
        Assert.StartsWith($"Unknown solution area \"{area}\": use one of ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Data & AI", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_semicolon_file_with_a_byte_order_mark_imports()
    {
        var text = PartnerHeader.Replace(',', ';') + "\r\n" + "Société Générale;EMEA;Data & AI;Expert;2024-01-15;manager@example.com;\"Notes; with a semicolon\";no\r\n";
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var report = await ImportPartnersAsync(file);

        Assert.True(report.Committed, string.Join("; ", report.Problems));
        await using var db = Database.CreateContext();
        var partner = await db.Partners.SingleAsync();
        Assert.Equal(("Société Générale", "Notes; with a semicolon"), (partner.Name, partner.Notes));
    }

    [Fact]
    public async Task Only_administrators_import()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Import.PreviewAsync(TestData.Manager, ImportKind.Partners, Csv(PartnerHeader, PartnerRow()), ExistingPartnerChoice.Update));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_gives_the_same_partners_and_assessments()
    {
        // A portfolio recorded the ordinary way, with a regression pending and a formula-like name.
        var partners = Get<PartnerService>();
        var assessments = Get<AssessmentService>();
        var ids = new List<int>();
        foreach (var name in new[] { "Contoso", "=HYPERLINK(\"x\")", "Fabrikam" })
        {
            ids.Add(await partners.CreateAsync(TestData.Administrator, TestData.Partner(name: name, ownerId: TestData.ManagerId)));
        }

        var plan = new[] { TestData.SoaringInputs, TestData.Inputs(), TestData.DenialInputs, TestData.DenialInputs, TestData.Inputs(netAdds: -3) };
        for (var i = 0; i < ids.Count; i++)
        {
            for (var m = 0; m < plan.Length - i; m++)
            {
                var version = (await partners.GetAsync(ids[i]))!.RowVersion;
                await assessments.RecordAsync(TestData.Administrator, ids[i], plan[(m + i) % plan.Length], new DateOnly(2026, 1 + m, 10), $"Check-in {m}", version);
            }
        }

        using var partnerFile = new MemoryStream();
        using var assessmentFile = new MemoryStream();
        await Get<CsvExportService>().WritePartnersAsync(new PartnerQuery(), partnerFile);
        await Get<CsvExportService>().WriteAssessmentsAsync(assessmentFile);
        Assert.Contains("'=HYPERLINK", Encoding.UTF8.GetString(partnerFile.ToArray()), StringComparison.Ordinal);

        var target = new CsvImportTests();
        await target.InitializeAsync();
        try
        {
            Assert.True((await target.ImportPartnersAsync(partnerFile.ToArray())).Committed);
            var report = await target.ImportAssessmentsAsync(assessmentFile.ToArray());
            Assert.True(report.Committed, string.Join("; ", report.Problems));

            Assert.Equal(await SnapshotAsync(Database), await SnapshotAsync(target.Database));
        }
        finally
        {
            await target.DisposeAsync();
        }
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var partners = (await db.Partners.OrderBy(p => p.Name).ToListAsync())
            .Select(p => $"{p.Name}|{p.Region}|{p.SolutionArea}|{p.ProgrammeLevel}|{p.JoinedProgrammeOn}|{p.OwnerId}|{p.Notes}|{p.IsArchived}|{p.CurrentStage}|{p.PendingRegression}|{p.StageSince}|{p.LastAssessedOn}")
            .ToList();
        var assessments = (await db.Assessments.Join(db.Partners, a => a.PartnerId, p => p.Id, (a, p) => new { p.Name, a }).ToListAsync())
            .OrderBy(x => x.Name).ThenBy(x => x.a.AssessedOn)
            .Select(x => $"{x.Name}|{x.a.AssessedOn}|{x.a.Inputs}|{x.a.Evidence}|{x.a.Verdict.Stage}|{x.a.Verdict.MaturityIndex}|{x.a.Verdict.Momentum}")
            .ToList();
        var changes = (await db.StageChanges.Join(db.Partners, c => c.PartnerId, p => p.Id, (c, p) => new { p.Name, c }).ToListAsync())
            .OrderBy(x => x.Name).ThenBy(x => x.c.ChangedOn)
            .Select(x => $"{x.Name}|{x.c.From}|{x.c.To}|{x.c.ChangedOn}|{x.c.Cause}")
            .ToList();
        Assert.NotEmpty(assessments);
        return string.Join("\n", partners.Concat(assessments).Concat(changes));
    }
}
