namespace PartnerStages.Benchmarks.Alternating;

// A benchmark the alternating harness can run: the same setup, baseline and candidates that
// BenchmarkDotNet calls, exposed so one process can alternate them (see AlternatingHarness).
public interface IAlternatingBenchmark
{
    // The baseline first, then the candidates; each side runs Operations times per measurement.
    IReadOnlyList<AlternatingSide> Sides { get; }

    Task SetupAsync();

    // Around every measurement (a fresh copy of the database, for instance); not timed.
    void BeforeRun();

    void AfterRun();

    Task CleanupAsync();
}

public sealed record AlternatingSide(string Name, int Operations, Func<ValueTask> Run);
