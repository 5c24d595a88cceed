using MudBlazor;

namespace PartnerStages.Web.Components.Layout;

public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E79",
            Secondary = "#2E7D32",
            AppbarBackground = "#1F4E79",
            Background = "#F5F7FA",
            // MudBlazor's secondary text (54% black) is about 4.2:1 on this background; WCAG asks 4.5:1.
            TextSecondary = "rgba(0,0,0,0.68)",
            WarningContrastText = "#1A1A1A",
            // The default #f44336 is 3.7:1 as text on white (Void, Disable).
            Error = "#C62828",
        },
        // Dark mode's light accents take dark text: MudBlazor's default white on #90CAF9 is about 1.8:1,
        // far below WCAG's 4.5:1; near-black on it is about 11:1.
        PaletteDark = new PaletteDark
        {
            Primary = "#90CAF9",
            PrimaryContrastText = "#0D1B2A",
            Secondary = "#81C784",
            SecondaryContrastText = "#0D1B2A",
            AppbarBackground = "#15202B",
            // The defaults (50% white text, #f64e62 errors) fall under 4.5:1 on the dark surface.
            TextSecondary = "rgba(255,255,255,0.72)",
            Error = "#FF8A80",
            WarningContrastText = "#1A1A1A",
        },
    };
}
