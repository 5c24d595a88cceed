namespace PartnerStages.Core.Rules;

// Default next actions for a channel manager, per stage. Data, so an administrator can edit them
// with the rule set; each verdict carries the actions of its stage.
public sealed record StagePlaybook
{
    public required IReadOnlyList<string> Denial { get; init; }
    public required IReadOnlyList<string> Despair { get; init; }
    public required IReadOnlyList<string> Hopeful { get; init; }
    public required IReadOnlyList<string> Soaring { get; init; }
    public required IReadOnlyList<string> Plateau { get; init; }

    public IReadOnlyList<string> For(Stage stage) => stage switch
    {
        Stage.Denial => Denial,
        Stage.Despair => Despair,
        Stage.Hopeful => Hopeful,
        Stage.Soaring => Soaring,
        Stage.Plateau => Plateau,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    public IEnumerable<ValidationError> Validate()
    {
        foreach (var stage in StageHealth.ByHealth)
        {
            var actions = For(stage);
            if (actions is null || actions.Count == 0)
            {
                yield return new($"Playbook.{stage}", $"Playbook.{stage} has no actions; give each stage at least one.");
            }
            else if (actions.Any(string.IsNullOrWhiteSpace))
            {
                yield return new($"Playbook.{stage}", $"Playbook.{stage} has a blank action.");
            }
        }
    }

    public static StagePlaybook Default { get; } = new()
    {
        Denial =
        [
            "Walk the partner through the programme's benefits and the three asks that matter most this year.",
            "Agree one small, near-term win (a first certification or a listed offer) to show the time pays back.",
            "Name a vendor-side buddy who answers programme questions within a day.",
        ],
        Despair =
        [
            "Pair the partner with a technical specialist for its first vendor-led opportunity.",
            "Pick one reference-able solution and help package it rather than chasing every workload.",
            "Share how peers of a similar size won their first deals, with names they can call.",
        ],
        Hopeful =
        [
            "Introduce the partner to two field sellers whose goals its offer helps meet.",
            "Nominate a customer story for a vendor case study or an award entry.",
            "Plan the next designation step with dated milestones and the people to certify.",
        ],
        Soaring =
        [
            "Keep the field relationships warm: a joint account plan with each active seller.",
            "Bring the partner early into the vendor's next priority so it leads rather than follows.",
            "Watch the plateau triggers every check-in: momentum, agility and field contacts.",
        ],
        Plateau =
        [
            "Hold an honest review with the partner's executive sponsor on what changed and why.",
            "Map the vendor's new priorities to the partner's skills and pick one to invest in now.",
            "Reconnect the partner with the current field team; old contacts may have moved on.",
        ],
    };
}
