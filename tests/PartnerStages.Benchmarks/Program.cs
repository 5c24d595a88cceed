using BenchmarkDotNet.Running;
using PartnerStages.Benchmarks.Alternating;

// `--alternate NAME` runs baseline and candidate alternately in this process (AlternatingHarness);
// anything else goes to BenchmarkDotNet.
if (args is ["--alternate", .. var rest])
{
    return await AlternatingHarness.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
