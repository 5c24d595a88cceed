using PartnerStages.Core.Assessments;

namespace PartnerStages.Core.Rules;

// The rules service (DESIGN.md §3): inputs + history + rule set → stage. Pure and deterministic:
// no I/O, no clock. First match wins: Plateau, Soaring, Denial, Despair, otherwise Hopeful.
// Rule sets are checked with RuleSet.Validate when the data layer loads them (RuleSetStore), not on
// every call. Classify (stage only) and Explain (the reasons too) state the same rules twice, for
// speed; a property test holds them equal.
//
// Unknown facts (null):
// - capability score: Soaring's "≥ 70 where given" is met when unknown;
// - active field contacts: unknown is not "none", so the Plateau trigger does not fire, and
//   Soaring's "≥ 2 contacts" is not met (it has to be shown);
// - co-sell wins plus awards: the known ones are added; unmet when both are unknown;
// - momentum (no previous index): neither a decline for Plateau nor a block for Soaring.
public static class StageClassifier
{
    // The fast path: the same decisions as Explain without building the explanation; no allocation.
    public static Stage Classify(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules)
    {
        Guard(inputs, rules);
        double index = DerivedSignals.ComputeMaturityIndex(inputs, rules);
        return Decide(inputs, history, rules, index, DerivedSignals.ComputeMomentum(index, history.PreviousMaturityIndex));
    }

    // What a check-in stores and a partner remembers (stage, index, momentum, rule set), without the
    // explanation, which Assessment.Explain derives when someone asks why. For bulk work: imports.
    public static AssessmentVerdict Judge(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules)
    {
        Guard(inputs, rules);
        double index = DerivedSignals.ComputeMaturityIndex(inputs, rules);
        double? momentum = DerivedSignals.ComputeMomentum(index, history.PreviousMaturityIndex);
        return new AssessmentVerdict
        {
            Stage = Decide(inputs, history, rules, index, momentum),
            RuleSetVersion = rules.Version,
            MaturityIndex = index,
            Momentum = momentum,
        };
    }

    // The conditions of the Plateau, Soaring, Denial and Despair rules (Hopeful is "otherwise").
    public const int ConditionCount = 13;

    // Whether each condition holds, in ConditionsOf's order, without building the explanation: for
    // counting conditions over a portfolio (ConditionHits). The same tests as Explain's rules, a
    // property test holds them equal; no allocation.
    public static void Evaluate(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules, Span<bool> met)
    {
        Guard(inputs, rules);
        if (met.Length < ConditionCount)
        {
            throw new ArgumentException($"Room for {ConditionCount} conditions is needed.", nameof(met));
        }

        double index = DerivedSignals.ComputeMaturityIndex(inputs, rules);
        double? momentum = DerivedSignals.ComputeMomentum(index, history.PreviousMaturityIndex);
        var plateau = rules.Plateau;
        var soaring = rules.Soaring;
        met[0] = history.HasBeenSoaring;
        met[1] = momentum <= plateau.DeclineMomentumAtMost;
        met[2] = inputs.Agility <= plateau.AgilityAtMost;
        met[3] = inputs.ActiveFieldContacts <= plateau.FieldContactsAtMost;
        met[4] = index >= soaring.MaturityIndexAtLeast;
        met[5] = inputs.DeliveryConfidence >= soaring.DeliveryConfidenceAtLeast;
        met[6] = inputs.ActiveFieldContacts >= soaring.FieldContactsAtLeast;
        met[7] = CoSellWinsPlusAwards(inputs) >= soaring.CoSellWinsPlusAwardsAtLeast;
        met[8] = inputs.CapabilityScore is not { } capability || capability >= soaring.CapabilityScoreAtLeast;
        met[9] = momentum is not { } m || m > plateau.DeclineMomentumAtMost;
        met[10] = inputs.ProgrammeFluency <= rules.Denial.ProgrammeFluencyAtMost;
        met[11] = inputs.InvestmentConviction <= rules.Denial.InvestmentConvictionAtMost;
        met[12] = inputs.DeliveryConfidence <= rules.Despair.DeliveryConfidenceAtMost;
    }

    // Each rule's conditions as Explain states them (name, comparison, threshold), in Evaluate's order.
    public static IReadOnlyList<RuleCondition> ConditionsOf(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var any = new AssessmentInputs { ProgrammeFluency = 3, DeliveryConfidence = 3, InvestmentConviction = 3, Agility = 3, GoalAlignment = 3 };
        var signals = DerivedSignals.Of(any, new PartnerHistory(default, default), rules);
        RuleResult[] rulesInOrder = [PlateauRule(any, signals, rules), SoaringRule(any, signals, rules), DenialRule(any, rules), DespairRule(any, rules)];
        return [.. rulesInOrder.SelectMany(r => r.Conditions.Select(c => new RuleCondition(r.Stage, c.Key, c.Name, c.Comparison, c.Threshold, c.AnyOf)))];
    }

    private static Stage Decide(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules, double index, double? momentum)
    {
        var plateau = rules.Plateau;
        bool declining = momentum <= plateau.DeclineMomentumAtMost;

        if (history.HasBeenSoaring
            && (declining || inputs.Agility <= plateau.AgilityAtMost || inputs.ActiveFieldContacts <= plateau.FieldContactsAtMost))
        {
            return Stage.Plateau;
        }

        var soaring = rules.Soaring;
        if (index >= soaring.MaturityIndexAtLeast
            && inputs.DeliveryConfidence >= soaring.DeliveryConfidenceAtLeast
            && inputs.ActiveFieldContacts >= soaring.FieldContactsAtLeast
            && CoSellWinsPlusAwards(inputs) >= soaring.CoSellWinsPlusAwardsAtLeast
            && (inputs.CapabilityScore is null || inputs.CapabilityScore >= soaring.CapabilityScoreAtLeast)
            && !declining)
        {
            return Stage.Soaring;
        }

        if (inputs.ProgrammeFluency <= rules.Denial.ProgrammeFluencyAtMost
            || inputs.InvestmentConviction <= rules.Denial.InvestmentConvictionAtMost)
        {
            return Stage.Denial;
        }

        return inputs.DeliveryConfidence <= rules.Despair.DeliveryConfidenceAtMost ? Stage.Despair : Stage.Hopeful;
    }

    public static Verdict Explain(AssessmentInputs inputs, in PartnerHistory history, RuleSet rules)
    {
        Guard(inputs, rules);
        var signals = DerivedSignals.Of(inputs, history, rules);

        RuleResult plateau = PlateauRule(inputs, signals, rules);
        RuleResult[] inOrder =
        [
            plateau,
            SoaringRule(inputs, signals, rules),
            DenialRule(inputs, rules),
            DespairRule(inputs, rules),
            HopefulRule(inputs, rules),
        ];

        // Hopeful's conditions are the complements of Denial's and Despair's, so some rule always holds.
        int matched = Array.FindIndex(inOrder, r => r.Holds);
        var stage = inOrder[matched].Stage;
        var earlier = new RuleResult[matched];
        for (int i = 0; i < matched; i++)
        {
            earlier[i] = inOrder[i] with { Conditions = FailedConditions(inOrder[i]) };
        }

        // The peak after this verdict, which is what the data layer keeps for the next assessment.
        var peak = signals.PeakStage.PeakWith(stage);

        return new Verdict(
            stage,
            rules.Version,
            signals.MaturityIndex,
            signals.Momentum,
            signals.TenureMonths,
            signals.PreviousStage,
            peak,
            inOrder[matched],
            earlier,
            PathForward(stage, inputs, signals, rules, plateau, inOrder[1], inOrder[4]),
            rules.Playbook.For(stage));
    }

    private static void Guard(AssessmentInputs inputs, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        AssessmentValidation.EnsureValid(inputs);
    }

    // Known counts are added; both unknown stays unknown.
    private static int? CoSellWinsPlusAwards(AssessmentInputs inputs) =>
        inputs.CoSellWins is null && inputs.Awards is null ? null : (inputs.CoSellWins ?? 0) + (inputs.Awards ?? 0);

    private static RuleResult PlateauRule(AssessmentInputs inputs, DerivedSignals signals, RuleSet rules)
    {
        var p = rules.Plateau;
        return new(Stage.Plateau,
        [
            AtLeast("HasBeenSoaring", InputLabels.HasBeenSoaring, 1, signals.HasBeenSoaring ? 1 : 0),
            AtMost(nameof(DerivedSignals.Momentum), InputLabels.Momentum, p.DeclineMomentumAtMost, signals.Momentum, anyOf: true),
            AtMost(nameof(AssessmentInputs.Agility), InputLabels.Agility, p.AgilityAtMost, inputs.Agility, anyOf: true),
            AtMost(nameof(AssessmentInputs.ActiveFieldContacts), InputLabels.ActiveFieldContacts, p.FieldContactsAtMost, inputs.ActiveFieldContacts, anyOf: true),
        ]);
    }

    private static RuleResult SoaringRule(AssessmentInputs inputs, DerivedSignals signals, RuleSet rules)
    {
        var s = rules.Soaring;
        return new(Stage.Soaring,
        [
            AtLeast(nameof(DerivedSignals.MaturityIndex), InputLabels.MaturityIndex, s.MaturityIndexAtLeast, signals.MaturityIndex),
            AtLeast(nameof(AssessmentInputs.DeliveryConfidence), InputLabels.DeliveryConfidence, s.DeliveryConfidenceAtLeast, inputs.DeliveryConfidence),
            AtLeast(nameof(AssessmentInputs.ActiveFieldContacts), InputLabels.ActiveFieldContacts, s.FieldContactsAtLeast, inputs.ActiveFieldContacts),
            AtLeast("CoSellWinsPlusAwards", InputLabels.CoSellWinsPlusAwards, s.CoSellWinsPlusAwardsAtLeast, CoSellWinsPlusAwards(inputs)),
            AtLeast(nameof(AssessmentInputs.CapabilityScore), InputLabels.CapabilityScore, s.CapabilityScoreAtLeast, inputs.CapabilityScore, unknownMeets: true),
            Above(nameof(DerivedSignals.Momentum), InputLabels.Momentum, rules.Plateau.DeclineMomentumAtMost, signals.Momentum),
        ]);
    }

    private static RuleResult DenialRule(AssessmentInputs inputs, RuleSet rules) => new(Stage.Denial,
    [
        AtMost(nameof(AssessmentInputs.ProgrammeFluency), InputLabels.ProgrammeFluency, rules.Denial.ProgrammeFluencyAtMost, inputs.ProgrammeFluency, anyOf: true),
        AtMost(nameof(AssessmentInputs.InvestmentConviction), InputLabels.InvestmentConviction, rules.Denial.InvestmentConvictionAtMost, inputs.InvestmentConviction, anyOf: true),
    ]);

    private static RuleResult DespairRule(AssessmentInputs inputs, RuleSet rules) => new(Stage.Despair,
    [
        AtMost(nameof(AssessmentInputs.DeliveryConfidence), InputLabels.DeliveryConfidence, rules.Despair.DeliveryConfidenceAtMost, inputs.DeliveryConfidence),
    ]);

    // "Otherwise", spelled out as what it means: clear of Denial and of Despair. Denial and
    // Despair partners aim here, so these conditions are also their path forward.
    private static RuleResult HopefulRule(AssessmentInputs inputs, RuleSet rules) => new(Stage.Hopeful,
    [
        AtLeast(nameof(AssessmentInputs.ProgrammeFluency), InputLabels.ProgrammeFluency, rules.Denial.ProgrammeFluencyAtMost + 1, inputs.ProgrammeFluency),
        AtLeast(nameof(AssessmentInputs.InvestmentConviction), InputLabels.InvestmentConviction, rules.Denial.InvestmentConvictionAtMost + 1, inputs.InvestmentConviction),
        AtLeast(nameof(AssessmentInputs.DeliveryConfidence), InputLabels.DeliveryConfidence, rules.Despair.DeliveryConfidenceAtMost + 1, inputs.DeliveryConfidence),
    ]);

    // The shortest true answer to "why not": the required conditions that failed, or when all of
    // those hold, the alternatives (none of which did). A partner that never soared is told just that,
    // not also that it shows no decline.
    private static Condition[] FailedConditions(RuleResult rule)
    {
        var failedRequired = rule.Conditions.Where(c => !c.AnyOf && !c.Met).ToArray();
        return failedRequired.Length > 0 ? failedRequired : rule.Conditions.Where(c => c.AnyOf).ToArray();
    }

    private static PathForward PathForward(
        Stage stage, AssessmentInputs inputs, DerivedSignals signals, RuleSet rules,
        RuleResult plateau, RuleResult soaring, RuleResult hopeful)
    {
        switch (stage)
        {
            case Stage.Soaring:
                return new(Stage.Soaring, [], plateau.Conditions.Where(c => c.AnyOf).ToArray());
            case Stage.Denial or Stage.Despair:
                return new(Stage.Hopeful, hopeful.Conditions.Where(c => !c.Met).ToArray(), []);
            default:
                // Hopeful and Plateau aim at Soaring. With a Soaring past, low agility would send the
                // partner to Plateau first, so it joins the list (low contacts are covered by Soaring's own).
                var unmet = soaring.Conditions.Where(c => !c.Met).ToList();
                var agility = AtLeast(nameof(AssessmentInputs.Agility), InputLabels.Agility, rules.Plateau.AgilityAtMost + 1, inputs.Agility);
                if (signals.HasBeenSoaring && !agility.Met)
                {
                    unmet.Add(agility);
                }

                return new(Stage.Soaring, unmet, []);
        }
    }

    private static Condition AtLeast(string key, string name, double threshold, double? actual, bool unknownMeets = false) =>
        new(key, name, Comparison.AtLeast, threshold, actual, actual is { } a ? a >= threshold : unknownMeets);

    private static Condition AtMost(string key, string name, double threshold, double? actual, bool anyOf = false) =>
        new(key, name, Comparison.AtMost, threshold, actual, actual is { } a && a <= threshold, anyOf);

    // Only momentum uses Above, and an unknown momentum is no decline.
    private static Condition Above(string key, string name, double threshold, double? actual) =>
        new(key, name, Comparison.Above, threshold, actual, actual is not { } a || a > threshold);
}
