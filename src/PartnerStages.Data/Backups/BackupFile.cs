using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerStages.Data.Backups;

// One backup in the folder. Its name carries the UTC time the snapshot was taken, so the list
// sorts by name and a copied file keeps its time whatever the file system says.
public sealed partial record BackupFile(string Name, long Size, DateTime TakenUtc)
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string NameFor(DateTime takenUtc) =>
        $"partnerstages-{takenUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)}.db";

    // Only names this app writes: anything else (a path, "..", another file) is not a backup.
    public static DateTime? TimeOf(string name) =>
        NamePattern().Match(name) is { Success: true } match
            && DateTime.TryParseExact(match.Groups[1].Value, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var taken)
            ? taken
            : null;

    [GeneratedRegex(@"^partnerstages-(\d{8}T\d{9}Z)\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
