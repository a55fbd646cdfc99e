using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// How long new clients took to find their cluster through its access layer: the longest bootstrap started
/// after the warm-up, a bootstrap still waiting at the end counting until then (see <see cref="Sim.Kafka.Access.BootstrapClient"/>).
/// </summary>
public sealed class BootstrapProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        double max = 0;
        foreach (var client in context.Bootstraps)
        {
            foreach (var (start, took) in client.Done)
            {
                if (context.Measuring(start)) max = Math.Max(max, took.TotalSeconds);
            }
            if (client.Pending is { } pending && context.Measuring(pending)) max = Math.Max(max, (context.Now - pending).TotalSeconds);
        }
        return result.With((MetricCatalog.BootstrapSMax, Math.Round(max, 3)));
    }
}
