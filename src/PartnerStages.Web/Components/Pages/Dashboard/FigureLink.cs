using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartnerStages.Data.Dashboard;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Components.Pages.Dashboard;

// A count on the dashboard: always a link to the partner list showing exactly those partners.
// Written as markup rather than as a component (with a MudLink inside): a dashboard shows about two
// hundred figures, and two components a figure were half the components, and most of the server memory,
// that every open dashboard tab held. The classes are MudLink's, so it looks the same.
public static class FigureLink
{
    // what completes "Show the 12 partners …" for screen readers, e.g. "in Despair now".
    public static RenderFragment For(Figure figure, string what, Typo typo = Typo.body2, string? extraClass = null) =>
        builder =>
        {
            builder.OpenElement(0, "a");
            builder.AddAttribute(1, "href", PartnerListUrl.For(figure.Query));
            builder.AddAttribute(2, "class",
                $"mud-typography mud-typography-{typo} mud-link mud-primary-text mud-link-underline-hover figure-link{(figure.Value == 0 ? " figure-zero" : "")}{(extraClass is null ? "" : " " + extraClass)}");
            builder.AddAttribute(3, "aria-label", $"Show the {figure.Value} partner{(figure.Value == 1 ? "" : "s")} {what}");
            builder.AddAttribute(4, "data-figure", figure.Value);
            builder.AddContent(5, figure.Value.ToString("N0", CultureInfo.CurrentCulture));
            builder.CloseElement();
        };
}
