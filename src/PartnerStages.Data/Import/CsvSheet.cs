using System.Globalization;
using CsvHelper;

namespace PartnerStages.Data.Import;

// Every problem of a file, each with its row and column; past the listing cap only counted.
public sealed class ProblemList
{
    private readonly List<ImportProblem> _listed = [];

    public IReadOnlyList<ImportProblem> Listed => _listed;

    public int More { get; private set; }

    public int Count => _listed.Count + More;

    public void Add(int row, string column, string message)
    {
        if (_listed.Count < CsvFormat.MaxListedProblems)
        {
            _listed.Add(new ImportProblem(row, column, message));
        }
        else
        {
            More++;
        }
    }
}

// Reads a decoded CSV row by row: checks the header for the required columns, skips blank rows,
// stops at the row limit, and hands each row over with converters that report what is wrong.
public static class CsvSheet
{
    public static IEnumerable<SheetRow> Read(ReadOnlyMemory<byte> body, ImportKind kind, IReadOnlyList<string> required,
        IReadOnlyList<string> optional, ProblemList problems, IProgress<ImportProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        // Empty lines stay records (skipped below) so row numbers match what a spreadsheet shows.
        var options = CsvReaderOptions.Default with
        {
            Separator = CsvFormat.DetectDelimiter(body.Span),
            SkipEmptyLines = false,
            DetectSeparatorHint = false,
            OnMalformedRecord = bad => problems.Add((int)bad.RecordNumber, "", bad.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote => "A quoted cell is never closed: the rest of the file was read into it.",
                _ => "A quote is out of place: put quotes around the whole cell and double any quote inside it.",
            }),
        };
        using var reader = CsvReader.Create(body, options);
        var header = reader.Headers.ToArray();
        if (header.All(string.IsNullOrWhiteSpace))
        {
            problems.Add(0, "", "The file is empty: it needs a header row and at least one row of data.");
            yield break;
        }

        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var known = required.Concat(optional).FirstOrDefault(c => CsvFormat.LooseNames.Equals(c, header[i]));
            if (known is not null && !columns.TryAdd(known, i))
            {
                problems.Add(1, known, "This column appears twice in the header.");
            }
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            problems.Add(1, column, $"The column is missing from the header (row 1). A {Noun(kind)} file needs: {string.Join(", ", required)}.");
        }

        if (missing.Count > 0)
        {
            yield break;
        }

        var rows = 0;
        var max = CsvFormat.MaxRows(kind);
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            var blank = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
                blank &= string.IsNullOrWhiteSpace(fields[i]);
            }

            if (blank)
            {
                continue;
            }

            var number = (int)reader.RowNumber + 1;
            if (++rows > max)
            {
                problems.Add(number, "", $"The file has more than {max:N0} rows of {Noun(kind)}s, the most one import takes: split it into smaller files.");
                yield break;
            }

            if (rows % 1000 == 0)
            {
                progress?.Report(new ImportProgress("Checking", (double)reader.ByteOffset / Math.Max(1, body.Length)));
            }

            yield return new SheetRow(number, fields, columns, problems);
        }

        if (rows == 0)
        {
            problems.Add(0, "", "The file is empty: it has a header but no rows of data.");
        }
    }

    private static string Noun(ImportKind kind) => kind == ImportKind.Partners ? "partner" : "assessment";
}

public sealed class SheetRow(int number, string[] fields, IReadOnlyDictionary<string, int> columns, ProblemList problems)
{
    public int Number => number;

    public bool HasProblems { get; private set; }

    public bool Has(string column) => columns.ContainsKey(column);

    public string Raw(string column) => columns.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";

    public void Problem(string column, string message)
    {
        HasProblems = true;
        problems.Add(number, column, message);
    }

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = CsvFormat.Unguard(Raw(column));
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, "A value is required.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Problem(column, $"The value is {value.Length:N0} characters long; at most {maxLength:N0} are allowed.");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, $"A date is required ({CsvFormat.DateFormat}).");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, CsvFormat.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(column, $"\"{value}\" is not a date in the form {CsvFormat.DateFormat} (for example 2026-03-31).");
        return null;
    }

    // Empty means unknown (null); required values report it.
    public int? WholeNumber(string column, bool required = false)
    {
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, "A whole number is required.");
            }

            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Problem(column, $"\"{value}\" is not a whole number.");
        return null;
    }

    public bool? Flag(string column)
    {
        var value = Raw(column).ToUpperInvariant();
        switch (value)
        {
            case "" or "FALSE" or "NO" or "0":
                return false;
            case "TRUE" or "YES" or "1":
                return true;
            default:
                Problem(column, $"\"{Raw(column)}\" is not yes or no (use true or false).");
                return null;
        }
    }

    // Accepts the name people see ("Data & AI") or the code name ("DataAndAi"), ignoring case.
    public T? Choice<T>(string column, CsvChoices<T> choices, bool required = true) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(choices);
        var value = Raw(column);
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, $"A {choices.What} is required.");
            }

            return null;
        }

        if (choices.Find(value) is { } option)
        {
            return option;
        }

        Problem(column, $"Unknown {choices.What} \"{value}\": use one of {choices.Listed}.");
        return null;
    }
}
