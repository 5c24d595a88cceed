namespace PartnerStages.Core;

// The five maturity stages. The declaration order is the article's storytelling order;
// use HealthRank for "better" or "worse".
public enum Stage
{
    Denial,
    Despair,
    Hopeful,
    Soaring,
    Plateau,
}

public static class StageHealth
{
    // Denial < Despair < Plateau < Hopeful < Soaring (DESIGN.md §1).
    public static int HealthRank(this Stage stage) => stage switch
    {
        Stage.Denial => 0,
        Stage.Despair => 1,
        Stage.Plateau => 2,
        Stage.Hopeful => 3,
        Stage.Soaring => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    public static bool IsHealthierThan(this Stage stage, Stage other) => stage.HealthRank() > other.HealthRank();

    public static bool IsWorseThan(this Stage stage, Stage other) => stage.HealthRank() < other.HealthRank();

    public static string DisplayName(this Stage stage) => stage switch
    {
        Stage.Denial => "Denial",
        Stage.Despair => "Despair",
        Stage.Hopeful => "Hopeful Performance",
        Stage.Soaring => "Soaring Execution",
        Stage.Plateau => "Devolution / Plateau",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    // All stages from least to most healthy, for charts and legends.
    public static IReadOnlyList<Stage> ByHealth { get; } =
        [Stage.Denial, Stage.Despair, Stage.Plateau, Stage.Hopeful, Stage.Soaring];
}
