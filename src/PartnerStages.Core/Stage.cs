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
    // All stages from least to most healthy (DESIGN.md §1): the one statement of the health order.
    public static IReadOnlyList<Stage> ByHealth { get; } =
        [Stage.Denial, Stage.Despair, Stage.Plateau, Stage.Hopeful, Stage.Soaring];

    // Rank by declaration value, so HealthRank is an array read with no allocation.
    private static readonly int[] Ranks = RanksOf(ByHealth);

    // 0 for the least healthy stage, one more for each step up.
    public static int HealthRank(this Stage stage) => (uint)stage < (uint)Ranks.Length
        ? Ranks[(int)stage]
        : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");

    public static bool IsHealthierThan(this Stage stage, Stage other) => stage.HealthRank() > other.HealthRank();

    public static bool IsWorseThan(this Stage stage, Stage other) => stage.HealthRank() < other.HealthRank();

    // The healthiest stage so far once a verdict of `stage` joins a peak of `peak` (null: no verdict yet).
    public static Stage PeakWith(this Stage? peak, Stage stage) => peak is { } before && !stage.IsHealthierThan(before) ? before : stage;

    public static string DisplayName(this Stage stage) => stage switch
    {
        Stage.Denial => "Denial",
        Stage.Despair => "Despair",
        Stage.Hopeful => "Hopeful Performance",
        Stage.Soaring => "Soaring Execution",
        Stage.Plateau => "Devolution / Plateau",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    private static int[] RanksOf(IReadOnlyList<Stage> byHealth)
    {
        var ranks = new int[byHealth.Count];
        for (var rank = 0; rank < byHealth.Count; rank++)
        {
            ranks[(int)byHealth[rank]] = rank;
        }

        return ranks;
    }
}
