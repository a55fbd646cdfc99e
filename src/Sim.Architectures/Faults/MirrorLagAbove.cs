using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>mirror-lag: { above: 30s, flow: a->b }</c>: a MirrorMaker 2 flow (any, when none is named) is further
/// behind than <see cref="Above"/>, measured as MirrorMaker 2's heartbeats measure it end to end: now minus
/// the creation time of the newest heartbeat mirrored to the target (MirrorHeartbeatConnector), so the lag
/// grows while mirroring stalls. Before the first heartbeat arrives it does not hold.
/// </summary>
public sealed record MirrorLagAbove(string? Flow, SimDuration Above) : FaultCondition
{
    public override bool Holds(FaultRuntime runtime)
    {
        var mm = runtime.Run.Simulation.MirrorMaker;
        if (mm is null) return false;
        var now = runtime.Run.Simulation.Scheduler.Now;
        foreach (var f in mm.Flows)
        {
            if (Flow is not null && f.Name != Flow) continue;
            var beats = f.Metrics.Heartbeats;
            if (beats.Count == 0) continue;
            var (at, lag) = beats[^1];
            if (now - (at - lag) > Above) return true;
        }
        return false;
    }

    public override string ToString() => $"mirror lag{(Flow is null ? "" : " of " + Flow)} > {Above}";
}
