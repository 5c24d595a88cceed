using MudBlazor;
using PartnerStages.Core;

namespace PartnerStages.Web.Components.Shared;

// The one place that says how each stage looks; chips, charts and legends read from here.
public sealed record StageStyle(Stage Stage, string Name, string Color, string TextColor, string Icon, string Summary);

public static class StageStyles
{
    private static readonly Dictionary<Stage, StageStyle> Styles = new()
    {
        [Stage.Denial] = new(Stage.Denial, Stage.Denial.DisplayName(), "#546E7A", "#FFFFFF",
            Icons.Material.Filled.HelpOutline, "Learning the programme's language and asks; unsure the time is worth it."),
        [Stage.Despair] = new(Stage.Despair, Stage.Despair.DisplayName(), "#C62828", "#FFFFFF",
            Icons.Material.Filled.SentimentDissatisfied, "Understands the programme but doubts it can deliver at the vendor's scale."),
        [Stage.Hopeful] = new(Stage.Hopeful, Stage.Hopeful.DisplayName(), "#1565C0", "#FFFFFF",
            Icons.Material.Filled.TrendingUp, "Confident and active in the programme; recognised for real competence."),
        [Stage.Soaring] = new(Stage.Soaring, Stage.Soaring.DisplayName(), "#2E7D32", "#FFFFFF",
            Icons.Material.Filled.RocketLaunch, "The partner the field calls first: delivers customer value and wins recognition."),
        [Stage.Plateau] = new(Stage.Plateau, Stage.Plateau.DisplayName(), "#F9A825", "#212121",
            Icons.Material.Filled.TrendingFlat, "Was soaring; losing agility and mindshare to hungrier partners."),
    };

    public static StageStyle For(Stage stage) => Styles[stage];

    public static IEnumerable<StageStyle> ByHealth => StageHealth.ByHealth.Select(For);
}
