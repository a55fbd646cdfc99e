using Sim.Core.Randomness;
using Sim.Core.Time;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// Consecutive health-probe verdicts against what is believed: failures while the primary is trusted count towards
/// declaring it lost, successes after that count towards its recovery, and any verdict that agrees with the belief
/// starts the count over (a monitoring system's consecutive-failure threshold, as Route 53's failure threshold or an
/// ELB's UnhealthyThresholdCount counts).
/// </summary>
internal struct ProbeStreak
{
    private int _count;

    /// <summary>Whether this verdict completes a streak of <paramref name="needed"/>; the count then starts over.</summary>
    public bool Completes(bool healthy, bool declared, int needed)
    {
        _count = healthy == declared ? _count + 1 : 0;
        if (_count < needed) return false;
        _count = 0;
        return true;
    }

    /// <summary>
    /// From a declaration to the clients (or connectors) acting on it: with DNS, the rest of the cached record's TTL,
    /// uniform over the TTL since the cache was filled at a random moment; otherwise the runbook's reconfiguration time.
    /// </summary>
    public static SimDuration RedirectDelay(FailoverConfig config, RngStream rng) => config.Redirect == RedirectKind.Dns
        ? SimDuration.FromNanosecondsRounded(rng.NextDouble() * config.DnsTtl.Nanoseconds)
        : config.ReconfigureDelay;
}
