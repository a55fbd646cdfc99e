using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Core.Time;
using Sim.Results;
using Xunit.Abstractions;

namespace Sim.Architectures.Tests;

/// <summary>
/// Each design's distinguishing metric moves with its own knob, for the reason the multi-site guide gives:
/// a hub carries the sum of its spokes, last-write-wins by timestamp lets clock skew decide, and only designs
/// whose sites both write and mirror to each other have conflicts at all.
/// </summary>
public class DistinguishingMetricTests(ITestOutputHelper output)
{
    private static double Metric(Metrics.RunResult r, MetricInfo m) => r.Metric(m);

    [Fact]
    public void MoreSpokes_PutMoreLoadOnTheHub()
    {
        double HubLoad(int spokes)
        {
            var plan = HubAndSpoke.Build(Arch.FourSites(), new HubAndSpokeOptions(["a", "b"], "c") { SpokeCount = spokes }, Arch.Workload(["a", "b"], ["c"], rate: 100));
            Assert.Equal(spokes + 1, plan.Model.Clusters.Count);
            Assert.Equal(spokes, plan.Apps.Count(a => a.Role == AppRole.Producer));
            var (_, r) = Arch.Run(plan, new FaultPlan([]), Arch.Options(40));
            output.WriteLine($"{spokes} spokes: hub takes {Metric(r, MetricCatalog.MirrorInRecordsPerSMax)} records/s");
            return Metric(r, MetricCatalog.MirrorInRecordsPerSMax);
        }
        double two = HubLoad(2), six = HubLoad(6);
        // Every spoke writes 100 records/s, and the hub copies them all: about 200 against 600.
        Assert.InRange(two, 150, 250);
        Assert.InRange(six / two, 2.5, 3.5);
    }

    /// <summary>
    /// The hub is a single point of failure (seed, "Hub-and-Spoke": "Hub becomes bottleneck and SPOF", "spokes need
    /// connectivity to hub only"): spoke-to-spoke data takes two MirrorMaker 2 hops through the hub, so a hub outage stops
    /// every inter-spoke flow while each spoke keeps taking its own writes. Measured spoke to spoke: the end-to-end latency of
    /// the records a spoke's consumers read from the other spokes' copies.
    /// </summary>
    [Fact]
    public void AHubOutage_StallsEverySpokeToSpokeFlow_WhileSpokesKeepTakingWrites()
    {
        (double Mirrored, double Local, double ProduceP99, double Acked) Run(bool hubDown)
        {
            var plan = HubAndSpoke.Build(Arch.FourSites(), new HubAndSpokeOptions(["a", "b", "c"], "d") { FanOut = true },
                Arch.Workload(["a", "b", "c"], ["a", "b", "c"], rate: 100));
            var faults = hubDown ? Arch.SiteOutage(plan, "d", atS: 30, forS: 20) : new FaultPlan([]);
            var (_, r) = Arch.Run(plan, faults, Arch.Options(70));
            var m = (Metric(r, MetricCatalog.MirroredE2eLatencyP99), Metric(r, MetricCatalog.E2eLatencyP50), Metric(r, MetricCatalog.ProduceLatencyP99), (double)r.RecordsAcked);
            output.WriteLine($"hub {(hubDown ? "down 30-50 s" : "up")}: spoke-to-spoke e2e p99 {m.Item1} ms, e2e p50 {m.Item2} ms, produce p99 {m.Item3} ms, acked {m.Item4}");
            return m;
        }
        var up = Run(false);
        var down = Run(true);
        // Two hops through a hub 2 ms away: tens of milliseconds with the hub up; with it down for 20 s, what the spokes
        // wrote then reaches the other spokes only once the hub is back and its mirrors catch up.
        Assert.InRange(up.Mirrored, 1, 1_000);
        Assert.True(down.Mirrored > 10_000, $"spoke-to-spoke e2e p99 with the hub down: {down.Mirrored} ms");
        // The spokes' own writes never touch the hub: local produce latency and throughput are unchanged.
        Assert.InRange(down.ProduceP99, 0, up.ProduceP99 * 1.5);
        Assert.InRange(down.Acked, up.Acked * 0.99, up.Acked * 1.01);
    }

    /// <summary>
    /// A hub standby (seed, "Hub-and-Spoke": the hub is the SPOF; Kafka Connect's pause and resume of connectors): every
    /// spoke feeds both hubs, the standby's fan-out is paused until a probe of the hub fails three times (5 s apart) and
    /// the runbook resumes it 5 s later. While the hub is still down the spokes then receive each other's data through
    /// the standby; the resumed source tasks have no offsets, so MirrorMaker 2's consumer starts at the standby's
    /// earliest offsets and the spokes receive again what the hub had delivered (duplicates, whose age the end-to-end
    /// tail shows as a dashboard would), which a hub without a standby never causes.
    /// </summary>
    [Fact]
    public void AHubStandby_CarriesSpokeToSpokeDataThroughTheHubsOutage_AndReplaysWhatTheHubHadDelivered()
    {
        (double Mirrored, double Duplicates, Runtime.DeploymentRun Run, double First) Run(bool standby, double seconds)
        {
            var options = new HubAndSpokeOptions(["a", "b", "c"], "d")
            {
                FanOut = true,
                HubStandby = standby ? "c" : null,
                HubFailover = new Sim.MirrorMaker.Failover.FailoverConfig { Redirect = Sim.MirrorMaker.Failover.RedirectKind.Reconfigure, ReconfigureDelay = SimDuration.FromSeconds(5) },
            };
            var plan = HubAndSpoke.Build(Arch.FourSites(), options, Arch.Workload(["a", "b", "c"], ["a", "b", "c"], rate: 100));
            var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "d", atS: 30, forS: 60), Arch.Options(seconds));
            var m = (Metric(r, MetricCatalog.MirroredE2eLatencyP99), Metric(r, MetricCatalog.Duplicates), run, Metric(r, MetricCatalog.MirroredFirstE2eLatencyP99));
            output.WriteLine($"hub down 30-90 s, standby {standby}, {seconds} s: spoke-to-spoke e2e p99 {m.Item1} ms (first deliveries {m.Item4} ms), duplicates {m.Item2}");
            return m;
        }
        var alone = Run(false, 120);
        var withStandby = Run(true, 120);
        var failover = Assert.Single(withStandby.Run.StandbyFlowFailovers);
        output.WriteLine($"declared {failover.DeclaredAt}, resumed {failover.ResumedAt}, recovered {failover.RecoveredAt}");
        // Three failed probes 5 s apart after the outage at 30 s, then the 5-s runbook.
        Assert.InRange(failover.DeclaredAt!.Value.TotalSeconds, 40, 50);
        Assert.Equal(5, (failover.ResumedAt!.Value - failover.DeclaredAt.Value).TotalSeconds, 3);
        Assert.Empty(alone.Run.StandbyFlowFailovers);
        Assert.Equal(0, alone.Duplicates);
        Assert.True(withStandby.Duplicates > 1_000, $"the standby's fan-out replays from its earliest offsets: {withStandby.Duplicates} duplicates");
        Assert.True(withStandby.Mirrored < alone.Mirrored, $"with a standby p99 {withStandby.Mirrored} ms against {alone.Mirrored} ms");
        // First deliveries: without a standby the outage's writes wait for the hub (about 60 s); with one, for the
        // declaration and the resume (about 17 s) plus the standby's replay of older records ahead of them.
        Assert.True(alone.First > 50_000, $"first-delivery p99 without a standby {alone.First} ms");
        Assert.True(withStandby.First < alone.First * 0.75, $"first-delivery p99 with a standby {withStandby.First} ms against {alone.First} ms");

        // At 85 s, the hub still dark, the standby's fan-out has copied to every spoke what the standby holds of the others.
        var during = Run(true, 85).Run;
        var mm = during.Simulation.MirrorMaker!;
        var fanOut = mm.Flows.Where(f => f.Config.Source == HubAndSpoke.StandbyName).ToList();
        Assert.Equal(3, fanOut.Count);
        foreach (var flow in fanOut)
        {
            Assert.False(mm.ConnectOf(flow).IsPaused(flow));
            Assert.NotEmpty(flow.SourcePartitions);
            long behind = flow.SourcePartitions.Sum(p => flow.Source.FinalLog(p)!.HighWatermark - flow.ReplicatedEnd(p));
            long copied = flow.SourcePartitions.Sum(p => flow.ReplicatedEnd(p));
            output.WriteLine($"{flow.Name} at 85 s: copied {copied}, behind {behind}");
            Assert.True(copied > 100 * 2 * 80, $"{flow.Name} copied {copied}");
            Assert.InRange(behind, 0, 300);
        }
    }

    [Fact]
    public void ClockSkew_MakesLastWriteWinsLoseMoreUpdates_AndLeavesSitePriorityAlone()
    {
        (double Lww, double Priority, double Conflicts) Run(double skewMs)
        {
            var plan = ActiveActive.Build(Arch.FourSites(), new ActiveActiveOptions(["a", "b"]),
                Arch.Workload(["a", "b"], ["b"], rate: 100, topic: Arch.Orders(partitions: 2)));
            var faults = skewMs == 0 ? new FaultPlan([])
                : new FaultPlan([TestFaults.Read(plan, FaultKind.ClockSkew, 0, null, "b", ("offset", SimDuration.FromMilliseconds(skewMs)))]);
            var (_, r) = Arch.Run(plan, faults, Arch.Options(40));
            var m = (Metric(r, MetricCatalog.UpdatesLostLww), Metric(r, MetricCatalog.UpdatesLostPriority), Metric(r, MetricCatalog.ConflictsPerS));
            output.WriteLine($"skew {skewMs} ms: lww {m.Item1}, priority {m.Item2}, conflicts/s {m.Item3}");
            return m;
        }
        var none = Run(0);
        var skewed = Run(500);
        Assert.True(none.Conflicts > 0, "two sites writing the same keys conflict within MirrorMaker 2's lag");
        // Without skew last-write-wins loses only conflict losers, as many as site priority does.
        Assert.Equal(none.Priority, none.Lww, 0);
        // With b's clock half a second ahead, a's writes that followed b's are stamped earlier and lose too.
        Assert.True(skewed.Lww > skewed.Priority * 1.2, $"lww {skewed.Lww}, priority {skewed.Priority}");
    }

    /// <summary>
    /// Tiered storage with DR (seed, "Tiered Storage with DR"; KIP-405 RemoteLogManager copies closed segments only; S3
    /// Cross-Region Replication copies them on): the cold data's recovery point is the age of the open segment plus
    /// the task wait, the upload and the store's replication, so smaller segments close, upload and replicate sooner,
    /// and the DR region receives more of them within the run. <c>local.retention.ms</c> bounds the primary's local
    /// disk once segments are copied, and leaves the cold recovery point where the segment size put it.
    /// </summary>
    [Fact]
    public void SegmentSize_SetsTheColdRecoveryPointAndDrBandwidth_AndLocalRetentionOnlyTheLocalDisk()
    {
        (double Cold, double Hot, double Replicated, double Dr, double LocalGb) Run(long segmentBytes, double? localRetentionS)
        {
            var log = new Sim.Kafka.Config.LogConfig { SegmentBytes = segmentBytes, LocalRetentionMs = localRetentionS is { } l ? SimDuration.FromSeconds(l) : null };
            var options = new TieredStorageOptions("a", "b")
            {
                // The store's replication in seconds (S3 Replication Time Control replicates most objects within seconds), so the
                // segment, not one object in the lag's tail, decides the cold recovery point.
                Tier = new Tiering.RemoteTierConfig
                {
                    TaskInterval = SimDuration.FromSeconds(5),
                    ReplicationLag = new("lognormal", new Dictionary<string, double> { ["median"] = 2e9, ["p99"] = 8e9 }, Sim.Core.QuantityKind.Duration),
                },
                Server = new() { Broker = new() { Log = log, LogRetentionCheckInterval = SimDuration.FromSeconds(10) } },
            };
            var plan = TieredStorageDr.Build(Arch.FourSites(), options, Arch.Workload(["a"], ["a"], rate: 800));
            // A fault takes the recovery points: site c (nothing of this design runs there) goes dark at 100 s.
            var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "c", atS: 100, forS: 5), Arch.Options(105));
            // What the primary's brokers hold locally of orders at the end (the standby's untiered copy is not the question).
            double local = run.Simulation.Cluster("a").Brokers.SelectMany(b => b.Replicas).Where(p => p.Info.Topic.Name == "orders").Sum(p => p.Log.Segments.SizeBytes) / 1e9;
            var m = (Metric(r, MetricCatalog.RpoColdS), Metric(r, MetricCatalog.RpoHotS), Metric(r, MetricCatalog.RemoteTierReplicatedGb),
                Metric(r, MetricCatalog.DrTransferGb), local);
            output.WriteLine($"segment.bytes {segmentBytes >> 10} KiB, local.retention.ms {localRetentionS?.ToString() ?? "-"} s: rpo_cold_s {m.Item1:0.0}, rpo_hot_s {m.Item2:0.000}, " +
                             $"replicated {m.Item3 * 1000:0.00} MB, dr_transfer {m.Item4 * 1000:0.00} MB, primary local orders {m.Item5 * 1000:0.00} MB");
            return m;
        }
        var small = Run(512 << 10, null);
        var large = Run(4 << 20, null);
        var smallShortLocal = Run(512 << 10, 15);
        // 800 records/s of 1 KiB over 6 partitions: a 512 KiB segment closes every ~4 s, a 4 MiB one every ~30 s.
        Assert.True(small.Cold < large.Cold - 10, $"cold RPO: 512 KiB {small.Cold} s, 4 MiB {large.Cold} s");
        Assert.True(small.Replicated > large.Replicated, $"replicated: 512 KiB {small.Replicated} GB, 4 MiB {large.Replicated} GB");
        Assert.True(small.Dr > large.Dr, $"DR transfer: 512 KiB {small.Dr} GB, 4 MiB {large.Dr} GB");
        // The hot data rides MirrorMaker 2 either way: its recovery point is the mirror's lag, seconds at most.
        Assert.InRange(small.Hot, 0, 5);
        Assert.InRange(large.Hot, 0, 5);
        // local.retention.ms deletes copied segments from the primary's disks; the cold tier and its DR copy are untouched.
        Assert.True(smallShortLocal.LocalGb < small.LocalGb * 0.4, $"local disk: 15 s {smallShortLocal.LocalGb} GB, 7 d {small.LocalGb} GB");
        Assert.Equal(small.Cold, smallShortLocal.Cold, 6);
    }

    [Theory]
    [InlineData("active-passive")]
    [InlineData("aggregate")]
    [InlineData("observer")]
    public void OneWayDesigns_HaveNoConflicts(string name)
    {
        var t = Arch.FourSites();
        var plan = name switch
        {
            "active-passive" => ActivePassive.Build(t, new ActivePassiveOptions("a", "b"), Arch.Workload(["b"], ["b"])),
            "aggregate" => AggregateCluster.Build(t, new AggregateOptions(["a", "b"], "c") { ReadAggregate = true }, Arch.Workload(["a", "b"], ["b"])),
            _ => ObserverCluster.Build(t, new ObserverOptions(["a", "b"], "c"), Arch.Workload(["a", "b"], ["c"])),
        };
        if (name == "aggregate") Assert.All(plan.Apps.Where(a => a.Role == AppRole.Consumer), a => Assert.Equal(AggregateCluster.ClusterName, a.Cluster));
        var (_, r) = Arch.Run(plan, new FaultPlan([]), Arch.Options(30));
        Assert.Equal(0, Metric(r, MetricCatalog.ConflictsPerS));
        Assert.True(Metric(r, MetricCatalog.MirrorInRecordsPerSMax) > 0);
    }

    /// <summary>
    /// The aggregate's global view (seed, "Active-Active with Aggregate Cluster": analytics read every region's copy in the
    /// aggregate) is as fresh as MirrorMaker 2's lag into it, and a regional outage makes the aggregate's readers see records
    /// twice. The region's power loss takes every replica back to what was written back to disk (Kafka acknowledges from
    /// the page cache; <c>log.flush.interval.messages</c> is unlimited by default), the region's producers write new
    /// records at the lost offsets, and the source task's consumer, whose position is now past the log end, gets
    /// OFFSET_OUT_OF_RANGE and resets by <c>auto.offset.reset</c>, which MirrorMaker 2 sets to earliest
    /// (MirrorConnectorConfig's source consumer defaults): it copies the region's log again from its start. Readers of their own
    /// region's cluster never see a copy, so they read nothing twice.
    /// </summary>
    [Fact]
    public void ARegionalOutage_LeavesDuplicatesInTheAggregate_OnlyForItsReaders()
    {
        (double Duplicates, double Mirrored) Run(bool readAggregate, bool outage)
        {
            var plan = AggregateCluster.Build(Arch.FourSites(), new AggregateOptions(["a", "b"], "c") { ReadAggregate = readAggregate },
                Arch.Workload(["a", "b"], ["a", "b"], rate: 100));
            var faults = outage ? Arch.SiteOutage(plan, "a", atS: 30, forS: 20) : new FaultPlan([]);
            var (_, r) = Arch.Run(plan, faults, Arch.Options(80));
            var m = (Metric(r, MetricCatalog.Duplicates), Metric(r, MetricCatalog.MirroredE2eLatencyP99));
            output.WriteLine($"readers of {(readAggregate ? "the aggregate" : "their region")}, {(outage ? "region a down 30-50 s" : "no outage")}: duplicates {m.Item1}, mirrored e2e p99 {m.Item2} ms");
            return m;
        }
        var calm = Run(true, false);
        var global = Run(true, true);
        var regional = Run(false, true);
        Assert.Equal(0, calm.Duplicates);
        Assert.True(global.Duplicates > 0, $"aggregate readers after region a's outage: {global.Duplicates} duplicates");
        Assert.Equal(0, regional.Duplicates);
        Assert.InRange(calm.Mirrored, 1, 1_000);
    }
}
