using Microsoft.Data.Sqlite;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Benchmarks.Rules;

// What the rules-lab benchmarks share: the draft they try (Soaring's maturity-index bar lowered from
// 75 to 70, a threshold change that moves partners both ways once the policy applies) and the limit
// they are compared with: the same check-ins read by hand-written SQL, straight into the inputs.
internal static class RulesLabSample
{
    public static readonly Actor Administrator = new("bench-admin", "bench-admin@example.com", new HashSet<string> { Roles.Administrator });

    public static RuleSet DraftOf(RuleSet active) => active with
    {
        Version = active.Version + 1,
        Soaring = active.Soaring with { MaturityIndexAtLeast = 70 },
    };

    // A draft that gives thousands of partners another verdict, so that publishing with re-evaluation
    // writes at scale: Soaring's bar raised to 85 (regressions, pending) and Denial only for ratings
    // of 1 (moves up, written at once).
    public static RuleSet SweepingDraftOf(RuleSet active) => active with
    {
        Version = active.Version + 1,
        Soaring = active.Soaring with { MaturityIndexAtLeast = 85 },
        Denial = active.Denial with { ProgrammeFluencyAtMost = 1, InvestmentConvictionAtMost = 1 },
    };

    private const string InputColumns =
        "a.Inputs_CapabilityScore, a.Inputs_CertifiedPeople, a.Inputs_NetCustomerAdds, a.Inputs_CoSellWins, " +
        "a.Inputs_ActiveFieldContacts, a.Inputs_Awards, a.Inputs_ProgrammeFluency, a.Inputs_DeliveryConfidence, " +
        "a.Inputs_InvestmentConviction, a.Inputs_Agility, a.Inputs_GoalAlignment";

    // Each active partner's latest standing check-in with the history recorded on it (what the impact reads).
    public const string LatestCheckIns =
        $"SELECT {InputColumns}, a.AssessedOn, a.TenureMonths, a.PreviousStage, a.PeakStage, a.PreviousMaturityIndex " +
        "FROM Partners p JOIN Assessments a ON a.Id = (SELECT x.Id FROM Assessments x WHERE x.PartnerId = p.Id AND x.VoidedAtUtc IS NULL " +
        "ORDER BY x.AssessedOn DESC, x.Id DESC LIMIT 1) WHERE p.IsArchived = 0";

    // Every standing check-in of every active partner, in replay order (what the backtest reads).
    public const string AllCheckIns =
        $"SELECT {InputColumns}, a.AssessedOn, a.TenureMonths, a.PartnerId " +
        "FROM Assessments a JOIN Partners p ON p.Id = a.PartnerId WHERE p.IsArchived = 0 AND a.VoidedAtUtc IS NULL " +
        "ORDER BY a.PartnerId, a.AssessedOn, a.Id";

    public static AssessmentInputs Inputs(SqliteDataReader r) => new()
    {
        CapabilityScore = Int(r, 0),
        CertifiedPeople = Int(r, 1),
        NetCustomerAdds = Int(r, 2),
        CoSellWins = Int(r, 3),
        ActiveFieldContacts = Int(r, 4),
        Awards = Int(r, 5),
        ProgrammeFluency = r.GetInt32(6),
        DeliveryConfidence = r.GetInt32(7),
        InvestmentConviction = r.GetInt32(8),
        Agility = r.GetInt32(9),
        GoalAlignment = r.GetInt32(10),
    };

    public const int AfterInputs = 11;

    public static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static Stage? StageOf(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Enum.Parse<Stage>(r.GetString(i));

    public static DateOnly Day(SqliteDataReader r, int i) => DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
