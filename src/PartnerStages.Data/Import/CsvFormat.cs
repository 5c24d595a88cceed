using System.Globalization;
using System.Text;
using CsvHelper;

namespace PartnerStages.Data.Import;

// What the two CSV formats share: limits, decoding, the delimiter, cell conversions and the guard
// against spreadsheet formulas. Both formats use ISO dates and the invariant culture, so a file
// means the same on every machine.
public static class CsvFormat
{
    public const int MaxBytes = 32 * 1024 * 1024;
    public const int MaxPartnerRows = 20_000;
    public const int MaxAssessmentRows = 250_000;

    // A broken file can have a problem in every cell; past this many the report only counts them.
    public const int MaxListedProblems = 5_000;

    public const string DateFormat = "yyyy-MM-dd";

    public static string TooLargeMessage { get; } =
        $"The file is larger than {MaxBytes / (1024 * 1024)} MB: split it into smaller files.";

    public static int MaxRows(ImportKind kind) => kind == ImportKind.Partners ? MaxPartnerRows : MaxAssessmentRows;

    // Reads at most one byte past the limit, so an oversized upload is refused without reading it all.
    public static async Task<(byte[]? Content, ImportProblem? Problem)> ReadAsync(Stream stream, long? length = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (length > MaxBytes)
        {
            return (null, new ImportProblem(0, "", TooLargeMessage));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, new ImportProblem(0, "", TooLargeMessage));
            }

            if (length is > 0)
            {
                progress?.Report(new ImportProgress("Reading", (double)buffer.Length / length.Value));
            }
        }

        return (buffer.ToArray(), null);
    }

    // Strict UTF-8 (with or without a byte-order mark): a file saved as ANSI or UTF-16 is refused
    // rather than imported with garbled names. Returns the bytes after the mark.
    public static (ReadOnlyMemory<byte> Body, ImportProblem? Problem) Decode(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            return (default, new ImportProblem(0, "", TooLargeMessage));
        }

        var start = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content, start, content.Length - start);
            return (content.AsMemory(start), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            return (default, new ImportProblem(0, "",
                $"The file is not UTF-8 text (an invalid byte at position {at:N0}). Save it as \"CSV UTF-8\" and upload it again."));
        }
    }

    // The header decides: whichever of ';' and ',' appears more often outside quotes.
    public static char DetectDelimiter(ReadOnlySpan<byte> text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    // UTF-8 with a byte-order mark, so a spreadsheet opens names with accents correctly. Text cells a
    // spreadsheet would run as a formula (= + - @, tab, CR) get a leading quote (OWASP "CSV injection");
    // numbers and dates are not text, so "-3" stays a number. Unguard takes the quote off on import.
    public static CsvWriter CreateWriter(Stream stream) =>
        CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);

    public static async Task WriteHeaderAsync(CsvWriter csv, IEnumerable<string> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
    }

    // A table of plain cells, as the dashboard exports them: whole numbers, decimals (two places at
    // most), dates and yes/no as values, anything else as guarded text.
    public static async Task WriteTableAsync(Stream stream, CsvTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var csv = CreateWriter(stream);
        await WriteHeaderAsync(csv, table.Header, cancellationToken);
        foreach (var row in table.Rows)
        {
            foreach (var cell in row)
            {
                WriteCell(csv, cell);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static void WriteCell(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField("");
                break;
            case int number:
                csv.WriteField(number, default);
                break;
            case double number:
                csv.WriteField(number, "0.##", CultureInfo.InvariantCulture);
                break;
            case DateOnly day:
                csv.WriteField(day, DateFormat);
                break;
            case bool flag:
                csv.WriteField(flag ? "yes" : "no");
                break;
            default:
                csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    public static string Unguard(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    // Header names and choices match ignoring case, spaces and underscores ("Partner name" finds
    // PartnerName, "data & ai" finds Data & AI), compared in place: a row's cells are not copied to compare.
    internal static IEqualityComparer<string> LooseNames { get; } = new LooseNameComparer();

    private sealed class LooseNameComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return x is null && y is null;
            }

            int i = 0, j = 0;
            while (true)
            {
                i = Next(x, i);
                j = Next(y, j);
                if (i == x.Length || j == y.Length)
                {
                    return i == x.Length && j == y.Length;
                }

                if (char.ToUpperInvariant(x[i++]) != char.ToUpperInvariant(y[j++]))
                {
                    return false;
                }
            }
        }

        public int GetHashCode(string text)
        {
            var hash = new HashCode();
            for (var i = Next(text, 0); i < text.Length; i = Next(text, i + 1))
            {
                hash.Add(char.ToUpperInvariant(text[i]));
            }

            return hash.ToHashCode();
        }

        private static int Next(string text, int from)
        {
            while (from < text.Length && (char.IsWhiteSpace(text[from]) || text[from] == '_'))
            {
                from++;
            }

            return from;
        }
    }
}

// The values a choice column takes, each by its code name or the name people see, and the words
// that list them in a problem. Built once per column, not per row.
public sealed class CsvChoices<T> where T : struct, Enum
{
    private readonly Dictionary<string, T> _byName = new(CsvFormat.LooseNames);

    public CsvChoices(string what, Func<T, string> displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        What = what;
        foreach (var option in Enum.GetValues<T>())
        {
            _byName.TryAdd(option.ToString(), option);
            _byName.TryAdd(displayName(option), option);
        }

        Listed = string.Join(", ", Enum.GetValues<T>().Select(displayName));
    }

    public string What { get; }

    public string Listed { get; }

    public T? Find(string value) => _byName.TryGetValue(value, out var option) ? option : null;
}

public sealed record CsvTable(IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows);
