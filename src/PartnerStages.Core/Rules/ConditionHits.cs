using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// One condition of a stage's rule, as Explain names it, with its threshold under one rule set.
public sealed record RuleCondition(Stage Stage, string Key, string Name, Comparison Comparison, double Threshold, bool AnyOf);

// How often each condition of each stage's rule held and decided over a portfolio under one rule set
// (issue 15: hit counts "including rules and conditions that never decide anything"). Rules are tried
// in order and the first that holds gives the stage, so a rule's conditions are counted over the
// partners it was checked for (no earlier rule held). A condition decides a verdict when the verdict
// hangs on it: had it alone gone the other way, its rule would have held where it failed, or failed
// where it held, and the partner would stand in another stage. Hopeful is "otherwise": checked, never
// failing, it has no conditions of its own. Counted with StageClassifier.Evaluate: no explanation, no allocation.
public sealed class ConditionHits
{
    private readonly RuleSet _rules;
    private readonly RuleCondition[] _conditions;
    private readonly int[] _held;
    private readonly int[] _decides;
    private readonly int[] _checked = new int[5];
    private readonly int[] _holds = new int[5];

    internal ConditionHits(RuleSet rules)
    {
        _rules = rules;
        _conditions = [.. StageClassifier.ConditionsOf(rules)];
        _held = new int[_conditions.Length];
        _decides = new int[_conditions.Length];
    }

    public int Version => _rules.Version;

    // In the order the rules are tried, each rule's conditions in Explain's order.
    public IReadOnlyList<RuleCondition> Conditions => _conditions;

    // Partners the stage's rule was checked for, and for how many it held (gave the stage).
    public int Checked(Stage stage) => _checked[(int)stage];

    public int Holds(Stage stage) => _holds[(int)stage];

    public int Held(int condition) => _held[condition];

    public int Decides(int condition) => _decides[condition];

    // Counts one partner. The rule that holds is Classify's (a property test holds them equal).
    internal void Add(AssessmentInputs inputs, in PartnerHistory history)
    {
        Span<bool> met = stackalloc bool[StageClassifier.ConditionCount];
        StageClassifier.Evaluate(inputs, history, _rules, met);
        int start = 0;
        while (start < _conditions.Length)
        {
            var stage = _conditions[start].Stage;
            int end = start;
            int failedRequired = 0, alternatives = 0, heldAlternatives = 0;
            for (; end < _conditions.Length && _conditions[end].Stage == stage; end++)
            {
                if (_conditions[end].AnyOf)
                {
                    alternatives++;
                    heldAlternatives += met[end] ? 1 : 0;
                }
                else if (!met[end])
                {
                    failedRequired++;
                }
            }

            bool alternativesHold = alternatives == 0 || heldAlternatives > 0;
            bool holds = failedRequired == 0 && alternativesHold;
            _checked[(int)stage]++;
            for (int i = start; i < end; i++)
            {
                _held[i] += met[i] ? 1 : 0;
                bool decides = _conditions[i].AnyOf
                    ? failedRequired == 0 && heldAlternatives == (met[i] ? 1 : 0)
                    : met[i] ? holds : failedRequired == 1 && alternativesHold;
                _decides[i] += decides ? 1 : 0;
            }

            if (holds)
            {
                _holds[(int)stage]++;
                return;
            }

            start = end;
        }

        _checked[(int)Stage.Hopeful]++;
        _holds[(int)Stage.Hopeful]++;
    }

    // The hits of a list of cases, for tests and one-off counts.
    public static ConditionHits Of(RuleSet rules, IEnumerable<(AssessmentInputs Inputs, PartnerHistory History)> cases)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cases);
        var hits = new ConditionHits(rules);
        foreach (var (inputs, history) in cases)
        {
            hits.Add(inputs, history);
        }

        return hits;
    }
}
