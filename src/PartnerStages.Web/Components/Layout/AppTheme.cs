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
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90CAF9",
            Secondary = "#81C784",
            AppbarBackground = "#15202B",
        },
    };
}
