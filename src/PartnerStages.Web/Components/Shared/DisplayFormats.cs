using System.Globalization;

namespace PartnerStages.Web.Components.Shared;

// Dates and numbers as the user's browser culture writes them (request localization sets the
// circuit's culture from Accept-Language).
public static class DisplayFormats
{
    public const string Missing = "—";

    public static string Date(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? Missing;

    // Spelled-out month, so "31 Mar 2026" reads the same in every culture's order of day and month.
    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    // "1 Jan – 26 Nov 2026"; the year once when both ends share it.
    public static string Period(DateOnly from, DateOnly to) => from.Year == to.Year
        ? $"{from.ToString("d MMM", CultureInfo.CurrentCulture)} – {Day(to)}"
        : $"{Day(from)} – {Day(to)}";

    public static string Number(double? value, int decimals = 1) =>
        value?.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) ?? Missing;

    public static string WithSign(double? value) =>
        value is { } v ? (v > 0 ? "+" : "") + v.ToString("N1", CultureInfo.CurrentCulture) : Missing;
}
