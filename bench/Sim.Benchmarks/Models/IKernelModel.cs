namespace Sim.Benchmarks.Models;

/// <summary>
/// A kernel benchmark model: built from a seed by its constructor, then run to completion once.
/// <para>
/// Every model has a fixed workload (a budget of customers, events, waits or requests), so one run
/// always executes the same number of events and the benchmarks can report figures per event.
/// </para>
/// </summary>
public interface IKernelModel
{
    /// <summary>Runs the model to completion and returns the number of events the scheduler executed.</summary>
    long Run();

    /// <summary>A one-line sanity check of what the run did (a measured mean against theory, counts).</summary>
    string Describe();
}
