using Sim.Architectures.Templates;
using Sim.Kafka.Metadata;

namespace Sim.Architectures.Faults;

/// <summary>A problem with a fault plan, at the key where the fault was declared.</summary>
public sealed record FaultError(string Key, string Message);

/// <summary>
/// Checks a fault plan against a deployment before the run starts: every named target must exist, and
/// every role must be able to resolve to something of the right kind (a partition that exists, a zone
/// that holds brokers of the cluster, a deployment with MirrorMaker 2 workers).
/// </summary>
public static class FaultValidation
{
    public static IReadOnlyList<FaultError> Check(FaultPlan plan, DeploymentPlan deployment)
    {
        var errors = new List<FaultError>();
        var model = deployment.Model;
        var zones = model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => z.Name).ToList();
        var regions = model.Network.Topology.Regions.Select(r => r.Name).ToList();
        var clusters = model.Clusters.Select(c => c.Name).ToList();
        var brokers = model.Clusters.SelectMany(c => c.Brokers).Select(b => b.Name).ToList();
        var controllers = model.Clusters.SelectMany(c => c.Controllers).Select(b => b.Name).ToList();
        var workers = model.MirrorMaker.SelectMany(c => c.Workers).ToList();
        var nodes = model.Network.Nodes.Select(n => n.Name).Concat(zones.Select(z => $"client-{z}")).ToList();
        bool IsPlace(string s) => zones.Contains(s) || regions.Contains(s) || deployment.Sites.ContainsKey(s);

        foreach (var f in plan.Scheduled)
        {
            string k = f.Key;
            if (f.Duration is { } d && d.Nanoseconds <= 0) errors.Add(new(k + ".duration", "a fault's duration must be positive (leave it out for a fault that lasts to the end)"));
            if (f.Cluster is { } cn && !clusters.Contains(cn))
            {
                errors.Add(new(k + ".cluster", $"no cluster named '{cn}' (clusters: {string.Join(", ", clusters)})"));
                continue;
            }
            var cluster = model.Clusters.FirstOrDefault(c => c.Name == (f.Cluster ?? clusters.FirstOrDefault()));
            var parts = f.Target.Parts;
            if (parts.Count == 0) { errors.Add(new(k + ".target", "a fault needs a target")); continue; }
            foreach (var part in parts)
            {
                var role = FaultTarget.RoleOf(part);
                string? problem = f.Kind switch
                {
                    FaultKind.BrokerCrash or FaultKind.SlowDisk => role switch
                    {
                        null => brokers.Contains(part) ? null : $"no broker named '{part}'{Some(brokers)}",
                        { Role: "leader-of" } r => LeaderOf(r.Argument, deployment, cluster?.Name),
                        { Role: "random-broker", Argument: null } => cluster is null ? "the deployment has no cluster" : null,
                        { Role: "random-broker", Argument: { } z } => cluster is not null && cluster.Brokers.Any(b => ZoneOfRack(model, b.Rack) == z)
                            ? null : $"cluster '{cluster?.Name}' has no broker in zone '{z}'",
                        _ => $"'{part}' does not name a broker (use a broker's name, leader-of:TOPIC/PARTITION or random-broker[:ZONE])",
                    },
                    FaultKind.ControllerCrash => role switch
                    {
                        null => controllers.Contains(part) ? null : $"no controller named '{part}'{Some(controllers)}",
                        { Role: "active-controller" or "random-controller" } => cluster is null ? "the deployment has no cluster" : null,
                        _ => $"'{part}' does not name a controller (use a controller's name, active-controller or random-controller)",
                    },
                    FaultKind.WorkerCrash => role switch
                    {
                        null => workers.Contains(part) ? null : $"no MirrorMaker 2 worker named '{part}'{Some(workers)}",
                        { Role: "random-worker" } => workers.Count > 0 ? null : "the deployment runs no MirrorMaker 2 workers",
                        _ => $"'{part}' does not name a worker (use a worker's name or random-worker)",
                    },
                    FaultKind.ZoneOutage => role switch
                    {
                        null => zones.Contains(part) ? null : $"no zone named '{part}'{Some(zones)}",
                        { Role: "zone-with-most-leaders" } => null,
                        _ => $"'{part}' does not name a zone",
                    },
                    FaultKind.RegionOutage => role is null && regions.Contains(part) ? null : $"no region named '{part}'{Some(regions)}",
                    FaultKind.SiteOutage or FaultKind.ClockSkew or FaultKind.LinkDegradation => role switch
                    {
                        null => IsPlace(part) ? null : $"no site, zone or region named '{part}'{Some([.. deployment.Sites.Keys, .. zones])}",
                        { Role: "zone-with-most-leaders" } => null,
                        _ => $"'{part}' does not name a place",
                    },
                    FaultKind.NetworkPartition => role switch
                    {
                        null => IsPlace(part) || nodes.Contains(part) ? null : $"no zone, region or node named '{part}'",
                        { Role: "leader-of" } r => LeaderOf(r.Argument, deployment, cluster?.Name),
                        _ => null,
                    },
                    _ => null,
                };
                if (problem is not null) errors.Add(new(k + ".target", problem));
            }
            if (f.Peer is { } peer)
            {
                foreach (var part in peer.Parts)
                {
                    bool ok = FaultTarget.RoleOf(part) is not null || IsPlace(part) || (f.Kind == FaultKind.NetworkPartition && nodes.Contains(part));
                    if (!ok) errors.Add(new(k + ".to", $"no zone, region or node named '{part}'"));
                }
            }
            if (f.Kind == FaultKind.LinkDegradation && f.Degradation is null) errors.Add(new(k, "link-degradation needs at least one of delay, jitter, loss, bandwidth"));
            if (f.Kind == FaultKind.SlowDisk && f.DiskLatency.Nanoseconds <= 0) errors.Add(new(k + ".latency", "slow-disk needs a positive latency per write"));
            if (f.Kind == FaultKind.ClockSkew && f.ClockOffset.Nanoseconds == 0) errors.Add(new(k + ".offset", "clock-skew needs a non-zero offset"));
        }
        foreach (var s in plan.Stochastic)
        {
            if (!StochasticFaults.Classes.Contains(s.ComponentClass))
                errors.Add(new(s.Key + ".class", $"unknown component class '{s.ComponentClass}' (expected one of: {string.Join(", ", StochasticFaults.Classes)})"));
            if (s.Mtbf.Nanoseconds <= 0) errors.Add(new(s.Key + ".mtbf", "mtbf must be positive"));
        }
        return errors;
    }

    private static string Some(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "" : $" (there are: {string.Join(", ", names.Take(8))}{(names.Count > 8 ? ", ..." : "")})";

    private static string? ZoneOfRack(Model.ModelDefinition model, string rack) =>
        model.Network.Topology.Regions.SelectMany(r => r.Zones).FirstOrDefault(z => z.Racks.Contains(rack))?.Name;

    private static string? LeaderOf(string? argument, DeploymentPlan deployment, string? cluster)
    {
        if (argument is null) return "leader-of needs TOPIC/PARTITION, as in leader-of:orders/0";
        int slash = argument.LastIndexOf('/');
        if (slash < 0 || !int.TryParse(argument[(slash + 1)..], out int p)) return $"'{argument}' is not TOPIC/PARTITION";
        string topic = argument[..slash];
        if (cluster is null || !deployment.Settings.TryGetValue(cluster, out var settings)) return "the deployment has no cluster";
        var t = settings.Topics.FirstOrDefault(x => x.Name == topic);
        if (t is null) return $"cluster '{cluster}' has no topic '{topic}' (topics: {string.Join(", ", settings.Topics.Select(x => x.Name))})";
        return p >= 0 && p < t.Partitions ? null : $"topic '{topic}' has partitions 0 to {t.Partitions - 1}, not {p}";
    }

    /// <summary>The cluster-wide index of <c>TOPIC/PARTITION</c>.</summary>
    public static int PartitionIndex(IReadOnlyList<PartitionInfo> partitions, string argument)
    {
        int slash = argument.LastIndexOf('/');
        string topic = argument[..slash];
        int n = int.Parse(argument[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return partitions.First(p => p.Topic.Name == topic && p.NumberInTopic == n).Index;
    }
}
