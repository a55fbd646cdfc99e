using HdrHistogram;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>The 99th percentile of MirrorMaker 2's heartbeat lag after the warm-up, over every flow (0 without MirrorMaker 2).</summary>
public sealed class MirrorLagProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        var lags = new LongHistogram(LatencyProbe.HighestMicros, 3);
        if (context.Simulation.MirrorMaker is { } mm)
        {
            foreach (var f in mm.Flows)
            {
                foreach (var ms in f.Metrics.HeartbeatLagMs(context.WarmupEnd, context.Now))
                    lags.RecordValue(Math.Clamp((long)(ms * 1000), 0, LatencyProbe.HighestMicros));
            }
        }
        return result.With((MetricCatalog.MirrorLagP99, lags.TotalCount == 0 ? 0 : lags.GetValueAtPercentile(99) / 1000.0));
    }
}
