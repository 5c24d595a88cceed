using System.Text;
using PartnerStages.Data.Import;

namespace PartnerStages.Web.Tests.Import;

// The one CSV writer behind every download (partners, assessments, dashboard tables): quoted where
// needed, text that a spreadsheet would run as a formula defused, numbers and dates left as values.
public sealed class CsvTableTests
{
    private static async Task<string> WriteAsync(params IReadOnlyList<object?>[] rows)
    {
        using var stream = new MemoryStream();
        await CsvFormat.WriteTableAsync(stream, new CsvTable(["A", "B"], rows));
        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Theory]
    [InlineData("=SUM(A1:A9)")]
    [InlineData("+44 20 7946 0000")]
    [InlineData("-1+1")]
    [InlineData("@cmd")]
    [InlineData("=1,2")]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_defused_and_reads_back_as_it_was(string text)
    {
        var csv = await WriteAsync([text, "x"]);

        var cell = csv.Split("\r\n")[1][..^2].Trim('"');
        Assert.Equal("'" + text, cell);
        Assert.Equal(text, CsvFormat.Unguard(cell));
    }

    [Theory]
    [InlineData("Contoso, Ltd", "\"Contoso, Ltd\"")]
    [InlineData("The \"best\" partner", "\"The \"\"best\"\" partner\"")]
    [InlineData("Plain", "Plain")]
    public async Task Text_is_quoted_only_where_it_must_be(string text, string cell) =>
        Assert.Equal($"A,B\r\n{cell},x\r\n", await WriteAsync([text, "x"]));

    [Fact]
    public async Task Numbers_dates_and_flags_stay_plain_values()
    {
        var csv = await WriteAsync([-3, 12.345], [new DateOnly(2026, 3, 31), true], [null, false]);

        Assert.Equal("A,B\r\n-3,12.35\r\n2026-03-31,yes\r\n,no\r\n", csv);
    }
}
