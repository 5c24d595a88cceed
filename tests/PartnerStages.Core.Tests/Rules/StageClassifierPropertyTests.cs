using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class StageClassifierPropertyTests
{
    private const long Iterations = 5_000;
    private static readonly RuleSet Rules = RuleSet.Default;

    // Ratings lean high half the time, or Soaring and Plateau would hardly ever come up.
    private static readonly Gen<int> Rating = Gen.Frequency((1, Gen.Int[1, 5]), (1, Gen.Int[3, 5]));

    private static Gen<int?> Fact(int min, int max) => Gen.Int[min, max].Nullable(0.15);

    internal static readonly Gen<AssessmentInputs> Inputs = Gen.Select(
        Gen.Select(Fact(0, 100), Fact(0, 15), Fact(-10, 15), Fact(0, 8), Fact(0, 6), Fact(0, 3),
            (capability, certified, netAdds, coSell, contacts, awards) => (capability, certified, netAdds, coSell, contacts, awards)),
        Gen.Select(Rating, Rating, Rating, Rating, Rating, (fluency, delivery, conviction, agility, alignment) => (fluency, delivery, conviction, agility, alignment)),
        (f, r) => TestData.Inputs(f.capability, f.certified, f.netAdds, f.coSell, f.contacts, f.awards,
            r.fluency, r.delivery, r.conviction, r.agility, r.alignment));

    private static Gen<PartnerHistory> Histories(Gen<bool> hasBeenSoaring) => Gen.Select(
        hasBeenSoaring,
        Gen.Int[0, 1000].Select(i => i / 10.0).Nullable(0.2),
        Gen.Int[0, 120],
        (soared, previousIndex, monthsIn) => new PartnerHistory(
            TestData.AssessedOn,
            TestData.AssessedOn.AddMonths(-monthsIn),
            soared ? Stage.Soaring : null,
            soared ? Stage.Soaring : null,
            previousIndex));

    private static readonly Gen<PartnerHistory> AnyHistory = Histories(Gen.Bool);

    // Field 0–5 are the facts, 6–10 the ratings; a fact left unknown stays unknown (null → a number
    // is recording a fact, not raising one). Capability and ratings stop at their maximum.
    private static AssessmentInputs Raise(AssessmentInputs i, int field, int by) => field switch
    {
        0 => i with { CapabilityScore = i.CapabilityScore is { } v ? Math.Min(100, v + by) : null },
        1 => i with { CertifiedPeople = i.CertifiedPeople + by },
        2 => i with { NetCustomerAdds = i.NetCustomerAdds + by },
        3 => i with { CoSellWins = i.CoSellWins + by },
        4 => i with { ActiveFieldContacts = i.ActiveFieldContacts + by },
        5 => i with { Awards = i.Awards + by },
        6 => i with { ProgrammeFluency = Math.Min(5, i.ProgrammeFluency + by) },
        7 => i with { DeliveryConfidence = Math.Min(5, i.DeliveryConfidence + by) },
        8 => i with { InvestmentConviction = Math.Min(5, i.InvestmentConviction + by) },
        9 => i with { Agility = Math.Min(5, i.Agility + by) },
        _ => i with { GoalAlignment = Math.Min(5, i.GoalAlignment + by) },
    };

    // The import stores Judge's verdict and the page explains it with Explain: they must agree.
    [Fact]
    public void Judge_gives_the_stage_index_and_momentum_Explain_gives() =>
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
            StageClassifier.Judge(inputs, history, Rules) == AssessmentVerdict.From(StageClassifier.Explain(inputs, history, Rules)),
            iter: Iterations);

    [Fact]
    public void Every_valid_input_gets_exactly_one_stage_from_the_first_rule_that_holds() =>
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
        {
            var verdict = StageClassifier.Explain(inputs, history, Rules);
            Assert.True(Enum.IsDefined(verdict.Stage));
            Assert.Equal(verdict.Stage, verdict.MatchedRule.Stage);
            Assert.Equal(
                new[] { Stage.Plateau, Stage.Soaring, Stage.Denial, Stage.Despair, Stage.Hopeful }.TakeWhile(s => s != verdict.Stage),
                verdict.EarlierRules.Select(r => r.Stage));
        }, iter: Iterations, threads: 1);

    [Fact]
    public void The_same_input_gets_the_same_verdict() =>
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
        {
            Assert.Equal(StageClassifier.Classify(inputs, history, Rules), StageClassifier.Classify(inputs with { }, history, Rules));
            Assert.Equal(StageClassifier.Explain(inputs, history, Rules).ToJson(), StageClassifier.Explain(inputs with { }, history, Rules).ToJson());
        }, iter: Iterations, threads: 1);

    // Verdicts already stored were written by the reflection serializer with these options; the
    // compile-time serializer must write the same text, and read it back to the same verdict.
    [Fact]
    public void Stored_verdict_JSON_keeps_the_format_it_always_had()
    {
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
        {
            var verdict = StageClassifier.Explain(inputs, history, Rules);
            var json = verdict.ToJson();
            Assert.Equal(JsonSerializer.Serialize(verdict, reflection), json);
            Assert.Equal(json, Verdict.FromJson(json).ToJson());
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void There_is_no_Plateau_without_a_Soaring_past() =>
        Gen.Select(Inputs, Histories(Gen.Const(false))).Sample((inputs, history) =>
            Assert.NotEqual(Stage.Plateau, StageClassifier.Classify(inputs, history, Rules)),
            iter: Iterations, threads: 1);

    [Fact]
    public void The_matched_rule_holds_and_every_earlier_rule_shows_an_unmet_condition() =>
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
        {
            var verdict = StageClassifier.Explain(inputs, history, Rules);
            Assert.True(verdict.MatchedRule.Holds);
            Assert.All(verdict.MatchedRule.Conditions.Where(c => !c.AnyOf), c => Assert.True(c.Met, c.Name));
            Assert.All(verdict.EarlierRules, rule =>
            {
                Assert.NotEmpty(rule.Conditions);
                Assert.All(rule.Conditions, c => Assert.False(c.Met, c.Name));
            });
            Assert.All(verdict.PathForward.Unmet, c => Assert.False(c.Met, c.Name));
        }, iter: Iterations, threads: 1);

    [Fact]
    public void Without_a_Soaring_past_raising_one_rating_or_fact_never_makes_the_stage_less_healthy() =>
        Gen.Select(Inputs, Histories(Gen.Const(false)), Gen.Int[0, 10], Gen.Int[1, 4]).Sample((inputs, history, field, by) =>
        {
            var before = StageClassifier.Classify(inputs, history, Rules);
            var after = StageClassifier.Classify(Raise(inputs, field, by), history, Rules);
            Assert.False(after.IsWorseThan(before), $"{before} became {after}");
        }, iter: Iterations, threads: 1);

    [Fact]
    public void With_a_Soaring_past_raising_agility_or_field_contacts_never_brings_on_a_Plateau() =>
        Gen.Select(Inputs, Histories(Gen.Const(true)), Gen.Bool.Select(b => b ? 4 : 9), Gen.Int[1, 4]).Sample((inputs, history, field, by) =>
        {
            var before = StageClassifier.Classify(inputs, history, Rules);
            var after = StageClassifier.Classify(Raise(inputs, field, by), history, Rules);
            Assert.False(before != Stage.Plateau && after == Stage.Plateau, $"{before} became {after}");
        }, iter: Iterations, threads: 1);

    [Fact]
    public void The_fast_and_the_full_entry_points_always_agree() =>
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) =>
            Assert.Equal(StageClassifier.Classify(inputs, history, Rules), StageClassifier.Explain(inputs, history, Rules).Stage),
            iter: Iterations * 4, threads: 1);

    [Fact]
    public void Generated_inputs_reach_every_stage()
    {
        // Guards the generators: properties over inputs that never reach a stage prove nothing about it.
        var seen = new HashSet<Stage>();
        Gen.Select(Inputs, AnyHistory).Sample((inputs, history) => { seen.Add(StageClassifier.Classify(inputs, history, Rules)); },
            iter: Iterations, threads: 1);
        Assert.Equal(StageHealth.ByHealth.ToHashSet(), seen);
    }
}
