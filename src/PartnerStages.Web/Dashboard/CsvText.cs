using System.Globalization;
using System.Text;

namespace PartnerStages.Web.Dashboard;

// RFC 4180 text: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
// line break. Text cells that a spreadsheet would run as a formula are defused with a leading
// apostrophe (OWASP "CSV injection"); numbers we format ourselves are left as numbers.
public static class CsvText
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        int number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        _ => Quote(Defuse(value.ToString() ?? "")),
    };

    private static void Line(StringBuilder text, IEnumerable<object?> cells) =>
        text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
