using System.Globalization;

namespace PartnerStages.Web.Components.Shared;

// Dates and numbers as the user's browser culture writes them (request localization sets the
// circuit's culture from Accept-Language).
public static class DisplayFormats
{
    public const string Missing = "—";

    public static string Date(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? Missing;

    public static string Number(double? value, int decimals = 1) =>
        value?.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) ?? Missing;

    public static string WithSign(double? value) =>
        value is { } v ? (v > 0 ? "+" : "") + v.ToString("N1", CultureInfo.CurrentCulture) : Missing;
}
