using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// One active partner's latest standing check-in, as the impact view reads it: its inputs and the
// history the rules read when it was judged, the verdict it was given, and where the partner stands.
// PreviousInputs (the check-in before it) is given when the two rule sets weigh the index
// differently, so that momentum compares like with like; otherwise the recorded previous index serves.
public sealed record ImpactCase(
    int PartnerId,
    AssessmentInputs Inputs,
    PartnerHistory History,
    Stage RecordedVerdict,
    StageStatus? Status,
    AssessmentInputs? PreviousInputs = null)
{
    public PartnerHistory HistoryUnder(RuleSet rules) => PreviousInputs is null
        ? History
        : History with { PreviousMaturityIndex = DerivedSignals.ComputeMaturityIndex(PreviousInputs, rules) };

    // What publishing `after` with re-evaluation does to this partner: nothing when the verdict is
    // the one recorded, otherwise the new verdict under the re-evaluation policy (StageStatus.Reconsider).
    public StageUpdate? Reevaluate(Stage verdict) => verdict == RecordedVerdict
        ? null
        : Status is null ? StageStatus.Start(verdict) : Status.Reconsider(verdict);
}

// The impact of a draft on today's portfolio (issue 15): every case through both rule sets with
// the allocation-free Classify; the explanations are left to the rows a page shows.
public sealed class RuleImpact
{
    private const int Stages = 5;

    private readonly int[] _before = new int[Stages];
    private readonly int[] _after = new int[Stages];
    private readonly int[] _afterPublish = new int[Stages];
    private readonly List<int>[] _moves = new List<int>[Stages * Stages];

    private RuleImpact(RuleSet before, RuleSet after)
    {
        BeforeVersion = before.Version;
        AfterVersion = after.Version;
        BeforeConditions = new ConditionHits(before);
        AfterConditions = new ConditionHits(after);
        for (int i = 0; i < _moves.Length; i++)
        {
            _moves[i] = [];
        }
    }

    public int BeforeVersion { get; }
    public int AfterVersion { get; }

    // How often each condition of each rule held and decided, under either version.
    public ConditionHits BeforeConditions { get; }

    public ConditionHits AfterConditions { get; }
    public int Partners { get; private set; }

    // Partners whose verdict differs between the two versions.
    public int Moving { get; private set; }

    public static RuleImpact Compute(IEnumerable<ImpactCase> cases, RuleSet before, RuleSet after)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var impact = new RuleImpact(before, after);
        foreach (var c in cases)
        {
            var historyBefore = c.HistoryUnder(before);
            var historyAfter = c.HistoryUnder(after);
            var from = StageClassifier.Classify(c.Inputs, historyBefore, before);
            var to = StageClassifier.Classify(c.Inputs, historyAfter, after);
            impact.BeforeConditions.Add(c.Inputs, historyBefore);
            impact.AfterConditions.Add(c.Inputs, historyAfter);
            impact.Partners++;
            impact._before[(int)from]++;
            impact._after[(int)to]++;
            impact._moves[Cell(from, to)].Add(c.PartnerId);
            if (from != to)
            {
                impact.Moving++;
            }

            var stands = c.Reevaluate(to) is { } update ? update.Status.Current : c.Status?.Current ?? to;
            impact._afterPublish[(int)stands]++;
        }

        return impact;
    }

    // Verdicts per stage: which is also how often each rule decided (first match wins, one rule per stage).
    public int Before(Stage stage) => _before[(int)stage];

    public int After(Stage stage) => _after[(int)stage];

    // Where partners would stand if `after` were published with re-evaluation: pending regressions
    // and overrides as the policy leaves them.
    public int AfterPublishing(Stage stage) => _afterPublish[(int)stage];

    public int Count(Stage from, Stage to) => _moves[Cell(from, to)].Count;

    public IReadOnlyList<int> PartnersMoving(Stage from, Stage to) => _moves[Cell(from, to)];

    private static int Cell(Stage from, Stage to) => ((int)from * Stages) + (int)to;
}
