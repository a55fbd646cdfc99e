using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Kafka.Config;

namespace Sim.Architectures.Tests.Support;

/// <summary>Topologies, workloads and fault plans the architecture tests share.</summary>
public static class Arch
{
    /// <summary>Four metro sites a, b, c, d (one zone each, two racks) in one region; every pair <paramref name="rtt"/> apart.</summary>
    public static ModelDefinition FourSites(string rtt = "2ms") => ModelLoader.Load("four-sites.yaml", $$"""
        name: four-sites
        regions:
          metro:
            zones:
              a: { racks: [a1, a2] }
              b: { racks: [b1, b2] }
              c: { racks: [c1, c2] }
              d: { racks: [d1, d2] }
        links:
          defaults: { cross-zone: metro-dc }
          a-b: { rtt: {{rtt}} }
          a-c: { rtt: {{rtt}} }
          a-d: { rtt: {{rtt}} }
          b-c: { rtt: {{rtt}} }
          b-d: { rtt: {{rtt}} }
          c-d: { rtt: {{rtt}} }
        """);

    public static TopicConfig Orders(int partitions = 6, int rf = 3, int minIsr = 2) =>
        new("orders", partitions, rf) { MinInSyncReplicas = minIsr };

    public static WorkloadSpec Workload(IEnumerable<string> producerZones, IEnumerable<string> consumerZones, double rate = 200, short acks = -1, TopicConfig? topic = null) =>
        new([topic ?? Orders()],
            producerZones.Select(z => new ProducerSpec(z, new WorkloadConfig("orders", rate) { Keys = 1000 }) { Config = new ProducerConfig { Acks = acks } }).ToList(),
            consumerZones.Select(z => new ConsumerSpec(z, $"group-{z}", "orders")).ToList());

    public static FaultPlan SiteOutage(DeploymentPlan plan, string site, double atS = 30, double? forS = 60) =>
        new([TestFaults.Read(plan, FaultKind.SiteOutage, atS, forS, site)]);

    public static RunOptions Options(double seconds = 120, ulong seed = 1) =>
        new(seed, SimDuration.FromSeconds(seconds)) { Warmup = SimDuration.FromSeconds(10), CheckInvariants = true };

    public static (DeploymentRun Run, RunResult Result) Run(DeploymentPlan plan, FaultPlan faults, RunOptions options)
    {
        var run = new DeploymentRun(plan, faults, options);
        return (run, run.Run());
    }
}
