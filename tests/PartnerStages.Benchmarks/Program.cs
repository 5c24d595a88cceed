using BenchmarkDotNet.Running;
using PartnerStages.Benchmarks.Alternating;
using PartnerStages.Benchmarks.Circuits;
using PartnerStages.Benchmarks.Faults;

// `--alternate NAME` runs baseline and candidate alternately in this process (AlternatingHarness);
// anything else goes to BenchmarkDotNet.
if (args is ["--alternate", .. var rest])
{
    return await AlternatingHarness.RunAsync(rest);
}

// `--circuits`: server memory held per open tab, page by page, against the bare circuit check page.
if (args is ["--circuits", .. var circuits])
{
    return await CircuitDensityHarness.RunAsync(circuits);
}

// `--dashboard-open`: the dashboard in Chromium on a large portfolio against a small one, alternating.
if (args is ["--dashboard-open", .. var open])
{
    return await DashboardOpenHarness.RunAsync(open);
}

// `--api-load`: the REST API's partner list and check-ins against /health/live, alternating (ApiLoadHarness).
if (args is ["--api-load", .. var apiLoad])
{
    return await PartnerStages.Benchmarks.Api.ApiLoadHarness.RunAsync(apiLoad);
}

// `--faults startup|checkins|sample` kills a child process at random moments (FaultHarness).
if (args is ["--faults", .. var faults])
{
    return await FaultHarness.RunAsync(faults);
}

if (args is ["--fault-child", var kind, var folder])
{
    return await FaultHarness.ChildAsync(kind, folder);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
