using BenchmarkDotNet.Attributes;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Benchmarks.Rules;

// Fast and full classification over a fixed, varied portfolio (every stage, unknown facts, first
// and repeat assessments), so branch prediction cannot learn one path. A short job: the machine is shared.
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ClassificationBenchmarks
{
    private const int Count = 4096;
    private readonly RuleSet rules = RuleSet.Default;
    private AssessmentInputs[] inputs = [];
    private PartnerHistory[] histories = [];

    [GlobalSetup]
    public void Setup()
    {
        // A fixed seed keeps runs comparable.
        var random = new Random(20250615);
        int? Fact(int max) => random.Next(8) == 0 ? null : random.Next(max + 1);
        int Rating() => random.Next(2) == 0 ? random.Next(1, 6) : random.Next(3, 6);

        inputs = new AssessmentInputs[Count];
        histories = new PartnerHistory[Count];
        var assessedOn = new DateOnly(2025, 6, 15);
        for (int i = 0; i < Count; i++)
        {
            inputs[i] = new AssessmentInputs
            {
                CapabilityScore = Fact(100),
                CertifiedPeople = Fact(15),
                NetCustomerAdds = Fact(20) - 5,
                CoSellWins = Fact(8),
                ActiveFieldContacts = Fact(6),
                Awards = Fact(3),
                ProgrammeFluency = Rating(),
                DeliveryConfidence = Rating(),
                InvestmentConviction = Rating(),
                Agility = Rating(),
                GoalAlignment = Rating(),
            };
            bool soared = random.Next(3) == 0;
            histories[i] = new PartnerHistory(
                assessedOn,
                assessedOn.AddMonths(-random.Next(120)),
                soared ? Stage.Soaring : null,
                soared ? Stage.Soaring : null,
                random.Next(5) == 0 ? null : random.Next(1001) / 10.0);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Classify()
    {
        int sum = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            sum += (int)StageClassifier.Classify(inputs[i], in histories[i], rules);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Explain()
    {
        int sum = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            sum += StageClassifier.Explain(inputs[i], in histories[i], rules).PathForward.Unmet.Count;
        }

        return sum;
    }
}
