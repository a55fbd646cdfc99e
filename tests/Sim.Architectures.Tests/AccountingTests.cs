using Xunit.Abstractions;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Results;

namespace Sim.Architectures.Tests;

/// <summary>What the run's figures count: the warm-up excluded, mirror lag while mirroring stands still, recovery per stream, clients left without a cluster.</summary>
public class AccountingTests(ITestOutputHelper output)
{
    private static DeploymentPlan ActiveActivePlan() =>
        ActiveActive.Build(Arch.FourSites(), new ActiveActiveOptions(["a", "b"]), Arch.Workload(["a", "b"], ["a", "b"]));

    [Fact]
    public void RecordCounts_ExcludeTheWarmup_AsTheTimeSeriesAfterItDoes()
    {
        var (_, r) = Arch.Run(ActiveActivePlan(), new([]), Arch.Options(20));
        // Rows cover (T - interval, T]; the warm-up ends at 10 s, so rows ending after it are measured.
        var after = r.Timeseries.Where(row => row.TimeS > 10).ToList();
        Assert.Equal(after.Sum(row => row.Produced), r.RecordsProduced);
        Assert.Equal(after.Sum(row => row.Acked), r.RecordsAcked);
        Assert.Equal(after.Sum(row => row.Failed), r.RecordsFailed);
        Assert.True(r.RecordsProduced > 0);
        output.WriteLine($"after the warm-up: produced {r.RecordsProduced}, acked {r.RecordsAcked}, failed {r.RecordsFailed}; time-series rows after 10 s: {after.Sum(row => row.Produced)}");
    }

    [Fact]
    public void MirrorLag_GrowsWhileTheSourceSiteIsDark()
    {
        var plan = ActiveActivePlan();
        var (_, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 30, forS: 30), Arch.Options(75));
        double Lag(double t) => r.Timeseries.Single(row => Math.Abs(row.TimeS - t) < 1e-9).MirrorLagMs;
        // Nothing arrives from a while it is dark, yet what it holds unreplicated keeps ageing.
        Assert.True(Lag(40) > 5_000, $"lag at 40 s {Lag(40)}");
        Assert.True(Lag(55) > Lag(40) + 10_000, $"lag at 40 s {Lag(40)}, at 55 s {Lag(55)}");
        Assert.True(Lag(25) < 2_000, $"lag before the outage {Lag(25)}");
        Assert.True(r.Metric(MetricCatalog.MirrorRecordsBehindMax) > 0);
        output.WriteLine($"mirror lag at 25 s {Lag(25):F0} ms, 40 s {Lag(40):F0} ms, 55 s {Lag(55):F0} ms, 70 s {Lag(70):F0} ms; records behind max {r.Metric(MetricCatalog.MirrorRecordsBehindMax)}");
    }

    [Fact]
    public void ConsumerRecovery_SeesTheStalledRemoteTopic_BehindLocalPartitionsOfTheSameNumber()
    {
        var plan = ActiveActivePlan();
        var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 30, forS: 30), Arch.Options(75));
        // Site b's consumer reads its local orders and a.orders mirrored from a: the mirrored stream stops until a returns.
        var remote = run.Probes.Recovery.ConsumerStreams.Where(s => s.Stream.Cluster == "b" && s.Stream.Topic == "a.orders").ToList();
        Assert.NotEmpty(remote);
        Assert.All(remote, s => Assert.True(s.FirstAfterFault is null || s.FirstAfterFault.Value >= Sim.Core.Time.SimTime.FromSeconds(60), $"{s}"));
        Assert.True(r.ConsumerRto.Seconds >= 30, $"consumer RTO {r.ConsumerRto.Seconds}");
        output.WriteLine($"a.orders streams at b: {remote.Count}, first after the fault {string.Join(", ", remote.Select(s => s.FirstAfterFault?.ToString() ?? "none"))}; consumer RTO {r.ConsumerRto.Seconds:F2} s");
    }

    [Fact]
    public void SiteOutage_ActiveActive_ReportsTheApplicationsThatWentDarkWithTheSite()
    {
        var plan = ActiveActivePlan();
        var (_, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 30, forS: 30), Arch.Options(75));
        // Site a's producer and consumer are down from 30 s to 60 s: two applications for 30 s.
        Assert.InRange(r.Metric(MetricCatalog.AppDownS), 59, 61);
        output.WriteLine($"app_down_s {r.Metric(MetricCatalog.AppDownS)}, availability {r.Availability:F6}, unavailable_s {r.Metric(MetricCatalog.UnavailableS)}, RTO {r.ProducerRto.Seconds:F2} s");
    }

    [Fact]
    public void ClusterGone_HostsUp_CountsItsProducerUnavailable()
    {
        var plan = ActiveActivePlan();
        var brokers = plan.Model.Clusters.Single(c => c.Name == "a").Brokers.Select(b => b.Name).ToList();
        var faults = new Sim.Architectures.Faults.FaultPlan(brokers.Select(b =>
            TestFaults.Read(plan, Sim.Architectures.Faults.FaultKind.BrokerCrash, 30, 30, b, ("mode", "process"))).ToList());
        var (_, r) = Arch.Run(plan, faults, Arch.Options(75));
        // Every broker of a is down for 30 s while a's producer keeps running, and what it produced then counts
        // against availability. A process crash leaves no clean-shutdown marker, so each restarted broker recovers
        // its logs for sim.broker.startup.unclean (10 s) with its listeners closed: no broker of a serves before
        // 30 + 30 + 10 = 70 s, so the 1 s intervals (30, 31] .. (69, 70] are all unavailable (40 s). Registering,
        // unfencing, electing leaders and the producer's metadata refresh then take a few seconds more (about 3 s
        // here; 33 s in all with no log recovery); 44 s leaves the producer recovered before the run ends at 75 s.
        double down = 30, recovery = new Sim.Kafka.Config.BrokerConfig().StartupTimeUnclean.TotalSeconds;
        Assert.InRange(r.Metric(MetricCatalog.UnavailableS), down + recovery, down + recovery + 4);
        Assert.Equal(0, r.Metric(MetricCatalog.AppDownS));
        Assert.True(r.Availability < 0.9, $"availability {r.Availability}");
        output.WriteLine($"unavailable_s {r.Metric(MetricCatalog.UnavailableS)}, app_down_s {r.Metric(MetricCatalog.AppDownS)}, availability {r.Availability:F6}");
    }
}
