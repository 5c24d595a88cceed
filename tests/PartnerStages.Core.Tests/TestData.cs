using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests;

// One place for test inputs. The defaults describe a plain Hopeful partner (index 64.8); Soaring()
// a partner that meets every Soaring condition by a wide margin (index 100).
public static class TestData
{
    public static readonly DateOnly AssessedOn = new(2025, 6, 15);
    public static readonly DateOnly JoinedOn = new(2022, 3, 1);

    public static AssessmentInputs Inputs(
        int? capability = 80,
        int? certified = 5,
        int? netAdds = 3,
        int? coSell = 2,
        int? contacts = 3,
        int? awards = 0,
        int fluency = 4,
        int delivery = 4,
        int conviction = 4,
        int agility = 4,
        int alignment = 4) => new()
        {
            CapabilityScore = capability,
            CertifiedPeople = certified,
            NetCustomerAdds = netAdds,
            CoSellWins = coSell,
            ActiveFieldContacts = contacts,
            Awards = awards,
            ProgrammeFluency = fluency,
            DeliveryConfidence = delivery,
            InvestmentConviction = conviction,
            Agility = agility,
            GoalAlignment = alignment,
        };

    public static AssessmentInputs Soaring(
        int? capability = 100,
        int? contacts = 4,
        int? coSell = 5,
        int? awards = 2,
        int delivery = 5,
        int agility = 5,
        int fluency = 5,
        int conviction = 5) => Inputs(
            capability: capability,
            certified: 10,
            netAdds: 10,
            coSell: coSell,
            contacts: contacts,
            awards: awards,
            fluency: fluency,
            delivery: delivery,
            conviction: conviction,
            agility: agility,
            alignment: 5);

    public static PartnerHistory History(
        bool hasBeenSoaring = false,
        double? previousIndex = null,
        Stage? previousStage = null,
        DateOnly? assessedOn = null,
        DateOnly? joinedOn = null) => new(
            assessedOn ?? AssessedOn,
            joinedOn ?? JoinedOn,
            previousStage ?? (hasBeenSoaring ? Stage.Soaring : null),
            hasBeenSoaring ? Stage.Soaring : previousStage,
            previousIndex);

    // RuleSet.Default with single thresholds replaced, for boundary tests and invalid rule sets.
    public static RuleSet Rules(
        double? soaringIndexAtLeast = null,
        double? declineMomentumAtMost = null,
        int? plateauAgilityAtMost = null,
        int? denialFluencyAtMost = null,
        int version = 1)
    {
        var d = RuleSet.Default;
        return d with
        {
            Version = version,
            Soaring = d.Soaring with { MaturityIndexAtLeast = soaringIndexAtLeast ?? d.Soaring.MaturityIndexAtLeast },
            Plateau = d.Plateau with
            {
                DeclineMomentumAtMost = declineMomentumAtMost ?? d.Plateau.DeclineMomentumAtMost,
                AgilityAtMost = plateauAgilityAtMost ?? d.Plateau.AgilityAtMost,
            },
            Denial = d.Denial with { ProgrammeFluencyAtMost = denialFluencyAtMost ?? d.Denial.ProgrammeFluencyAtMost },
        };
    }

    // A verdict as a partner records it, without the reasons (for tests of how verdicts land).
    public static Verdict Verdict(Stage stage, double index = 50, double? momentum = null) =>
        new(stage, RuleSet.Default.Version, index, momentum, 12, null, null, new RuleResult(stage, []), [], new PathForward(stage, [], []), []);

    // A check-in as the lab reads it back, recorded at midnight of its day.
    public static RecordedCheckIn CheckIn(int id, DateOnly on, AssessmentInputs? inputs = null, Stage verdict = Stage.Hopeful,
        int version = 1, int tenureMonths = 12) =>
        new(id, on, on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), inputs ?? Inputs(), tenureMonths, verdict, version);

    // A stage change as recorded; one without an assessment is the owner's decision, recorded at noon of its day.
    public static RecordedChange Change(DateOnly on, Stage? from, Stage to, StageChangeCause cause = StageChangeCause.Rules,
        int? assessmentId = 1, string? reason = null) =>
        new(on, on.ToDateTime(assessmentId is null ? new TimeOnly(12, 0) : TimeOnly.MinValue, DateTimeKind.Utc), from, to, cause,
            reason ?? (cause == StageChangeCause.Override ? "Known better" : null), assessmentId);

    public static RecordedChange Override(DateOnly on, Stage from, Stage to) => Change(on, from, to, StageChangeCause.Override, assessmentId: null);
}
