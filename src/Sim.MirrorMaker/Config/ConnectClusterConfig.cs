using Sim.Core.Time;

namespace Sim.MirrorMaker.Config;

/// <summary>
/// A Kafka Connect cluster running MirrorMaker 2 connectors: its workers (by node name), the flows it runs,
/// and the worker settings that decide recovery (<c>offset.flush.interval.ms</c>,
/// <c>scheduled.rebalance.max.delay.ms</c>).
/// </summary>
public sealed record ConnectClusterConfig(string Name, IReadOnlyList<string> Workers, IReadOnlyList<MirrorFlowConfig> Flows)
{
    /// <summary><c>offset.flush.interval.ms</c>: how often source tasks' positions are committed; a restarted task resumes there.</summary>
    public SimDuration OffsetFlushInterval { get; init; } = SimDuration.FromSeconds(60);

    /// <summary><c>scheduled.rebalance.max.delay.ms</c>: how long a departed worker's tasks wait for it before moving (KIP-415).</summary>
    public SimDuration ScheduledRebalanceMaxDelay { get; init; } = SimDuration.FromMinutes(5);
}
