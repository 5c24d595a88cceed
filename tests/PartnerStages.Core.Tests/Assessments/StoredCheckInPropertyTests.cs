using CsCheck;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Core.Tests.Rules;

namespace PartnerStages.Core.Tests.Assessments;

// A check-in stores its facts, not its explanation: what is stored must be enough to explain it
// again exactly, and what a partner remembers must be what its standing history says.
public class StoredCheckInPropertyTests
{
    private const long Iterations = 500;
    private static readonly DateTime RecordedAt = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    // Each step is a check-in (0), an override (1) or voiding one of the check-ins that stand (2),
    // a month apart; its stage or victim is picked by the number that comes with it.
    private static readonly Gen<List<(int Kind, AssessmentInputs Inputs, int Pick)>> Steps =
        Gen.Select(Gen.Frequency((6, Gen.Const(0)), (1, Gen.Const(1)), (2, Gen.Const(2))), StageClassifierPropertyTests.Inputs, Gen.Int[0, 1000])
            .List[1, 25];

    [Fact]
    public void A_stored_check_in_explains_itself_again_word_for_word() =>
        StageClassifierPropertyTests.Inputs.List[1, 24].Sample(checkIns =>
        {
            var partner = NewPartner();
            var stored = new List<(Assessment Row, string Json)>();
            for (var month = 0; month < checkIns.Count; month++)
            {
                var on = TestData.AssessedOn.AddMonths(month);
                var history = partner.HistoryOn(on);
                var verdict = StageClassifier.Explain(checkIns[month], history, RuleSet.Default);
                partner.RecordVerdict(verdict, on);
                stored.Add((new Assessment(1, "manager", checkIns[month], null, history, verdict, RecordedAt), verdict.ToJson()));
            }

            return stored.All(s => s.Row.Explain(RuleSet.Default).ToJson() == s.Json);
        }, iter: Iterations);

    [Fact]
    public void After_check_ins_overrides_and_voids_the_partner_remembers_what_its_standing_history_gives() =>
        Steps.Sample(steps =>
        {
            var partner = NewPartner();
            var standing = new List<(DateTime At, StandingCheckIn CheckIn)>();
            var decisions = new List<StageEvent>();
            for (var i = 0; i < steps.Count; i++)
            {
                var (kind, inputs, pick) = steps[i];
                var at = RecordedAt.AddDays(i);
                var on = TestData.AssessedOn.AddMonths(i);
                if (kind == 0 || partner.Status is null)
                {
                    var verdict = StageClassifier.Explain(inputs, partner.HistoryOn(on), RuleSet.Default);
                    partner.RecordVerdict(verdict, on);
                    standing.Add((at, new StandingCheckIn(on, verdict.Stage, verdict.MaturityIndex, verdict.Momentum)));
                }
                else if (kind == 1)
                {
                    var stage = Enum.GetValues<Stage>()[pick % 5];
                    partner.Override(stage, "Knows what the portal does not", on);
                    decisions.Add(new OverrideEvent(at, stage, "Knows what the portal does not"));
                }
                else
                {
                    // Voiding, as AssessmentService does it: replay what is left.
                    standing.RemoveAt(pick % standing.Count);
                    var events = standing.Select(s => (StageEvent)new VerdictEvent(s.At, s.CheckIn.Stage)).Concat(decisions);
                    partner.Restate(StageReplay.Replay(events), standing.Select(s => s.CheckIn).ToList(), on);
                }

                var latest = standing.Count > 0 ? standing[^1].CheckIn : null;
                var remembered = (partner.LatestVerdictStage, partner.LatestMaturityIndex, partner.PeakVerdictStage, partner.LastAssessedOn, partner.LatestMomentum);
                var replayed = (latest?.Stage, latest?.MaturityIndex, standing.Select(s => (Stage?)s.CheckIn.Stage).MaxBy(s => s?.HealthRank() ?? -1),
                    latest?.AssessedOn, latest?.Momentum);
                if (remembered != replayed)
                {
                    return false;
                }
            }

            return true;
        }, iter: Iterations);

    private static Partner NewPartner() => new("Contoso", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager");
}
