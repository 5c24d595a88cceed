using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Assessments;

namespace PartnerStages.Data.Samples;

// A plausible portfolio, the same for the same seed: partners that onboard through Denial and
// Despair, grow to Hopeful and Soaring, some that plateau and some that revive. Each month's inputs
// lean towards where the partner's story is heading; the stage itself always comes from the real
// rules service and the regression policy, so history and stages agree.
public sealed class SamplePortfolio
{
    private static readonly string[] Regions = ["EMEA", "Americas", "APAC", "Nordics", "DACH", "UK & Ireland"];
    private static readonly string[] NameStarts =
        ["North", "Blue", "Bright", "Cedar", "Silver", "Harbor", "Summit", "River", "Iron", "Clear", "Maple", "Granite", "Swift", "Open", "Lumen", "Vector"];
    private static readonly string[] NameEnds =
        ["wind", "field", "stone", "path", "bridge", "point", "works", "gate", "line", "forge", "crest", "wave"];
    private static readonly string[] Suffixes = ["Consulting", "Solutions", "Data", "Cloud", "Systems", "Partners", "Digital", "Group", "Labs", "IT"];
    private static readonly string[] People =
        ["Alex Morgan", "Sam Patel", "Jordan Lee", "Taylor Kim", "Robin Novak", "Casey Diaz", "Jamie Berg", "Avery Chen", "Riley Okafor", "Morgan Silva"];

    // The arc a partner's check-ins follow, one stage intent per phase.
    private static readonly Stage[][] Arcs =
    [
        [Stage.Denial, Stage.Despair, Stage.Hopeful],
        [Stage.Denial, Stage.Hopeful, Stage.Soaring],
        [Stage.Hopeful, Stage.Soaring, Stage.Plateau],
        [Stage.Soaring, Stage.Plateau, Stage.Soaring],
        [Stage.Denial, Stage.Despair],
        [Stage.Despair, Stage.Hopeful, Stage.Soaring],
        [Stage.Hopeful, Stage.Soaring],
        [Stage.Denial, Stage.Hopeful, Stage.Soaring, Stage.Plateau],
        [Stage.Denial],
    ];

    public required IReadOnlyList<SampleOwner> Owners { get; init; }
    public required IReadOnlyList<SamplePartner> Partners { get; init; }

    public static SamplePortfolio Generate(int seed, int partnerCount, DateOnly today, RuleSet rules)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partnerCount, 1);
        var random = new Random(seed);
        // About 40 partners a channel manager (most between 25 and 55, as real portfolios of 20-60).
        var owners = Enumerable.Range(1, Math.Max(3, partnerCount / 40))
            .Select(i => new SampleOwner($"sample-owner-{seed}-{i}", $"{People[(i - 1) % People.Length]}{(i > People.Length ? $" {i}" : "")}",
                $"sample.manager{i}@partnerstages.example"))
            .ToList();

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var partners = new List<SamplePartner>(partnerCount);
        for (var i = 0; i < partnerCount; i++)
        {
            var name = UniqueName(random, names, i);
            var months = random.Next(6, 25);
            var firstCheckIn = new DateOnly(today.Year, today.Month, 1).AddMonths(-months + 1).AddDays(random.Next(0, 20));
            var joined = firstCheckIn.AddMonths(-random.Next(0, 12));
            var arc = Arcs[i % Arcs.Length];
            var owner = owners[random.Next(owners.Count)];
            partners.Add(Story(random, name, owner.Id, joined, firstCheckIn, months, arc, today, rules));
        }

        return new SamplePortfolio { Owners = owners, Partners = partners };
    }

    private static SamplePartner Story(Random random, string name, string ownerId, DateOnly joined, DateOnly firstCheckIn,
        int months, Stage[] arc, DateOnly today, RuleSet rules)
    {
        var checkIns = new List<SampleCheckIn>(months);
        var history = PartnerHistory.FirstAssessment(joined, firstCheckIn);
        StageStatus? status = null;
        for (var month = 0; month < months; month++)
        {
            var on = firstCheckIn.AddMonths(month);
            if (on > today)
            {
                break;
            }

            var intent = arc[Math.Min(arc.Length - 1, month * arc.Length / months)];
            var inputs = InputsFor(random, intent);
            history = history with { AssessedOn = on };
            var verdict = StageClassifier.Explain(inputs, history, rules);
            var update = StageStatus.Judge(status, verdict.Stage);
            status = update.Status;
            checkIns.Add(new SampleCheckIn(inputs, history, verdict, status));
            history = history.Next(verdict.Stage, verdict.MaturityIndex, on);
        }

        var contacts = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => (People[random.Next(People.Length)], (VendorContactRole)random.Next(4),
                random.Next(3) switch { 0 => "Azure consumption", 1 => "Co-sell pipeline", _ => "Copilot adoption" }))
            .DistinctBy(c => c.Item1)
            .ToList();
        return new SamplePartner(name, Regions[random.Next(Regions.Length)], (SolutionArea)random.Next(6),
            (ProgrammeLevel)random.Next(4), joined, ownerId, contacts, checkIns);
    }

    // Ratings and facts that lean towards a stage, with enough noise for the rules to disagree now and then.
    private static AssessmentInputs InputsFor(Random random, Stage intent)
    {
        int Between(int low, int high) => random.Next(low, high + 1);
        int? Maybe(int low, int high) => random.Next(12) == 0 ? null : Between(low, high);
        return intent switch
        {
            Stage.Denial => new AssessmentInputs
            {
                ProgrammeFluency = Between(1, 2), InvestmentConviction = Between(1, 3), DeliveryConfidence = Between(2, 4),
                Agility = Between(2, 3), GoalAlignment = Between(1, 2),
                CapabilityScore = Maybe(10, 40), CertifiedPeople = Maybe(0, 2), NetCustomerAdds = Maybe(-1, 2),
                CoSellWins = Maybe(0, 0), ActiveFieldContacts = Maybe(0, 1), Awards = 0,
            },
            Stage.Despair => new AssessmentInputs
            {
                ProgrammeFluency = Between(3, 4), InvestmentConviction = Between(3, 4), DeliveryConfidence = Between(1, 2),
                Agility = Between(2, 3), GoalAlignment = Between(2, 3),
                CapabilityScore = Maybe(30, 60), CertifiedPeople = Maybe(1, 4), NetCustomerAdds = Maybe(-2, 3),
                CoSellWins = Maybe(0, 1), ActiveFieldContacts = Maybe(0, 2), Awards = 0,
            },
            Stage.Hopeful => new AssessmentInputs
            {
                ProgrammeFluency = Between(3, 5), InvestmentConviction = Between(3, 5), DeliveryConfidence = Between(3, 4),
                Agility = Between(3, 4), GoalAlignment = Between(2, 4),
                CapabilityScore = Maybe(50, 75), CertifiedPeople = Maybe(3, 8), NetCustomerAdds = Maybe(1, 6),
                CoSellWins = Maybe(0, 2), ActiveFieldContacts = Maybe(1, 2), Awards = Maybe(0, 1),
            },
            Stage.Soaring => new AssessmentInputs
            {
                ProgrammeFluency = Between(4, 5), InvestmentConviction = Between(4, 5), DeliveryConfidence = Between(4, 5),
                Agility = Between(4, 5), GoalAlignment = Between(4, 5),
                CapabilityScore = Between(75, 98), CertifiedPeople = Between(8, 16), NetCustomerAdds = Between(6, 14),
                CoSellWins = Between(2, 7), ActiveFieldContacts = Between(2, 5), Awards = Between(0, 2),
            },
            _ => new AssessmentInputs
            {
                ProgrammeFluency = Between(4, 5), InvestmentConviction = Between(3, 4), DeliveryConfidence = Between(3, 4),
                Agility = Between(1, 2), GoalAlignment = Between(2, 3),
                CapabilityScore = Between(60, 80), CertifiedPeople = Between(5, 10), NetCustomerAdds = Between(-3, 2),
                CoSellWins = Between(0, 2), ActiveFieldContacts = Between(0, 1), Awards = 0,
            },
        };
    }

    private static string UniqueName(Random random, HashSet<string> taken, int index)
    {
        var name = $"{NameStarts[random.Next(NameStarts.Length)]}{NameEnds[random.Next(NameEnds.Length)]} {Suffixes[random.Next(Suffixes.Length)]}";
        return taken.Add(name) ? name : taken.Add($"{name} {index}") ? $"{name} {index}" : throw new InvalidOperationException("Name clash.");
    }
}

public sealed record SampleOwner(string Id, string DisplayName, string Email);

// StatusAfter is where the regression policy leaves the partner; loading lands the verdict on the
// partner row itself (Partner.RecordVerdict), the same way a recorded check-in does.
public sealed record SampleCheckIn(AssessmentInputs Inputs, PartnerHistory History, Verdict Verdict, StageStatus StatusAfter)
{
    public DateOnly On => History.AssessedOn;
}

public sealed record SamplePartner(
    string Name,
    string Region,
    SolutionArea SolutionArea,
    ProgrammeLevel ProgrammeLevel,
    DateOnly JoinedOn,
    string OwnerId,
    IReadOnlyList<(string Name, VendorContactRole Role, string Mandate)> Contacts,
    IReadOnlyList<SampleCheckIn> CheckIns);
