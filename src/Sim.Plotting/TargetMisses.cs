using System.Globalization;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>One sweep point that misses a stated target: the figure (mean over replications) and why, from the metrics the same runs measured.</summary>
public sealed record TargetMiss(SummaryRow Row, SlaTerm Target, string Figure, string Why);

/// <summary>
/// The targets an experiment states (<c>targets:</c>) that a sweep point misses, and why. A DR drill (seed 003's
/// "Drill Validation Criteria": RTO within target, RPO within target, zero critical errors, all systems operational
/// post-recovery) passes when there is none; <c>sim run --gate</c> exits non-zero when there is one. The why is read
/// from the measured parts of the missed figure, never guessed: the producer RTO's split into detection, election,
/// propagation and redirection; the acknowledged records lost split into those lost for good and those stranded by
/// a failover with MirrorMaker 2's lag at the fault; the busiest broker's resources for a latency.
/// </summary>
public static class TargetMisses
{
    /// <summary>Every (sweep point, target) whose mean misses the target, in summary then target order. A target no run measured is a miss too: a drill cannot pass on a figure it did not take.</summary>
    public static IReadOnlyList<TargetMiss> Find(ExperimentResults results)
    {
        var misses = new List<TargetMiss>();
        if (results.Search is not null) return misses;
        foreach (var row in results.Summary)
        {
            foreach (var target in results.Targets)
            {
                var m = row.Metric(target.Metric);
                if (m is not null && target.HoldsFor(m.Mean)) continue;
                var figure = m is null || !double.IsFinite(m.Mean) ? "not measured" : Figure(target.Metric, m.Mean);
                misses.Add(new TargetMiss(row, target, figure, m is null || !double.IsFinite(m.Mean) ? "no run of this point measured it" : Why(target.Metric, row)));
            }
        }
        return misses;
    }

    /// <summary>Why <paramref name="row"/>'s figure for <paramref name="metric"/> is what it is, from the metrics that make it up.</summary>
    public static string Why(string metric, SummaryRow row)
    {
        double V(string name) => row.Metric(name) is { } s && double.IsFinite(s.Mean) ? s.Mean : double.NaN;
        string F(string name) => Figure(name, V(name));
        switch (metric)
        {
            case "rto_s":
            case "incident_rto_s_max":
            case "incident_rto_s_p50":
            {
                var parts = new[] { ("detection", "rto_detection_s"), ("election", "rto_election_s"), ("metadata propagation and client retries", "rto_propagation_s"), ("redirection to the standby", "rto_redirection_s") }
                    .Where(p => double.IsFinite(V(p.Item2))).ToList();
                var text = parts.Count == 0 ? "no breakdown measured" : string.Join(", ", parts.Select(p => $"{p.Item1} {F(p.Item2)}"));
                (string, string)? largest = parts.Count == 0 ? null : parts.MaxBy(p => V(p.Item2));
                var unrecovered = V("rto_recovered") == 0 ? "; a producer stream never wrote again before the run ended" : "";
                return $"producer RTO {F("rto_s")}: {text}" + (largest is var (name, part) && V(part) > 0 ? $"; {name} is the largest part ({Hint(part)})" : "") + unrecovered;
            }
            case "consumer_rto_s":
                return $"consumer RTO {F("consumer_rto_s")} against producer RTO {F("rto_s")}; {F("rebalances")} rebalances pausing consumption {F("rebalance_pause_s")}";
            case "rpo_s":
            case "acked_records_lost":
            case "acked_records_lost_permanent":
            case "acked_records_lost_failover":
            case "incident_rpo_s_max":
                return $"{F("acked_records_lost")} acknowledged records lost: {F("acked_records_lost_permanent")} for good (truncated by a leader without them, an unclean election, " +
                       $"or an unflushed tail lost with every replica) and {F("acked_records_lost_failover")} stranded by failover (not yet mirrored: MirrorMaker 2 was {F(double.IsFinite(V("rpo_hot_s")) ? "rpo_hot_s" : "rpo_s")} behind at the fault)";
            case "rpo_hot_s":
                return $"MirrorMaker 2 was {F("rpo_hot_s")} behind at the fault (lag p99 over the run {F("mirror_lag_ms_p99")}, at most {F("mirror_records_behind_max")} records)";
            case "availability":
            case "time_availability":
            case "unavailable_s":
            case "records_failed":
                return $"{F("records_failed")} records failed and producers went {F("unavailable_s")} without an acknowledgement; producer RTO {F("rto_s")}";
            case "under_replicated_end":
            case "offline_partitions_end":
                return $"{F("under_replicated_end")} partitions still under-replicated and {F("offline_partitions_end")} offline at the end: a replica had not caught up and rejoined " +
                       "(replica.lag.time.max.ms) or its broker had not come back before the run ended";
            case "cost_month_usd":
                return $"instances {F("cost_month_instances_usd")}, storage {F("cost_month_storage_usd")}, transfer {F("cost_month_transfer_usd")}";
            default:
                if (metric.StartsWith("produce_latency", StringComparison.Ordinal) || metric.StartsWith("e2e_latency", StringComparison.Ordinal)) return LatencyWhy(metric, row, V, F);
                return "no breakdown of this metric is measured";
        }
    }

    private static string LatencyWhy(string metric, SummaryRow row, Func<string, double> v, Func<string, string> f)
    {
        var busiest = MetricCatalog.Utilisations.Where(u => double.IsFinite(v(u.Name))).MaxBy(u => v(u.Name));
        var level = busiest is null ? 0 : v(busiest.Name);
        var resource = busiest is null ? "" : level < 0.5
            ? $"; no broker resource is busy (the busiest, {busiest.UtilisationOf}, at {level.ToString("0.00", CultureInfo.InvariantCulture)}), so the time is spent waiting: " +
              "for replication round trips (acks=all waits for every in-sync follower, and a connection carries one request at a time) or for a fault"
            : $"; busiest resource: {busiest.UtilisationOf} at {level.ToString("0.00", CultureInfo.InvariantCulture)}";
        var mirror = metric.StartsWith("e2e", StringComparison.Ordinal) && v("mirror_lag_ms_p99") > 0 ? $"; MirrorMaker 2 lag p99 {f("mirror_lag_ms_p99")}" : "";
        var outage = v("rto_s") > 0 ? $"; writes stalled {f("rto_s")} by the fault (the tail holds requests that waited through it)" : "";
        var percentile = metric[(metric.LastIndexOf('_') + 1)..];
        return $"p50 {f(metric.StartsWith("e2e", StringComparison.Ordinal) ? "e2e_latency_ms_p50" : "produce_latency_ms_p50")}, {percentile} {f(metric)}" + outage + mirror + resource;
    }

    private static string Hint(string part) => part switch
    {
        "rto_detection_s" => "broker.session.timeout.ms, replica.lag.time.max.ms, or the failover's probe.interval times probe.failures",
        "rto_election_s" => "the controller's election and its metadata records",
        "rto_propagation_s" => "metadata.max.age.ms, request.timeout.ms and retry.backoff.ms on the clients",
        "rto_redirection_s" => "the redirect: DNS TTL and client caches, or the VIP move",
        _ => part,
    };

    private static string Figure(string metric, double value)
    {
        if (!double.IsFinite(value)) return "n/a";
        var unit = MetricCatalog.Find(metric)?.Unit ?? "";
        return ReportNumbers.Format(metric, value) + (unit.Length == 0 || unit == "USD/month" ? "" : " " + unit) + (unit == "USD/month" ? " $/month" : "");
    }
}
