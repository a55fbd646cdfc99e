using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// The lists users read (<c>sim list</c>, runs.csv's columns) name exactly what the simulator has: every
/// catalogued metric is extracted from a run and every extracted one is catalogued, every fault kind and
/// every architecture template is described.
/// </summary>
public class CatalogueAgreementTests
{
    [Fact]
    public void MetricCatalog_NamesEachMetricOnceWithItsUnitLast()
    {
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.Name).Distinct().Count());
        foreach (var m in MetricCatalog.All.Where(m => m.Unit is "ms" or "s" or "GB" or "USD"))
            Assert.Matches($"_{m.Unit.ToLowerInvariant()}(_p\\d+|_max)?$", m.Name);
    }

    [Fact]
    public void RunsCsvHeader_IsTheCatalogueInOrder()
    {
        var dir = Directory.CreateTempSubdirectory("sim-catalogue").FullName;
        try
        {
            ResultsWriter.WriteTables(new ExperimentResults("x", null, "m", [], 1, 0, [], []), dir);
            var header = File.ReadLines(Path.Combine(dir, "runs.csv")).First().Split(',');
            Assert.Equal(["run_id", "point_id", "replication", "seed", "architecture", .. MetricCatalog.All.Select(m => m.Name)], header);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void MetricsPage_HasTheCataloguesTable()
    {
        // Regenerate with: sim list metrics --markdown, pasted between the two marker lines of docs/metrics.md.
        var page = File.ReadAllText(Path.Combine(Support.RepoRoot.Path, "docs", "metrics.md")).ReplaceLineEndings("\n");
        int begin = page.IndexOf(MetricTable.Begin + "\n", StringComparison.Ordinal), end = page.IndexOf(MetricTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/metrics.md lacks the metric table's marker lines");
        Assert.Equal(MetricTable.Markdown(), page[(begin + MetricTable.Begin.Length + 1)..end]);
    }

    [Fact]
    public void FaultKinds_NameEveryKindOnce_EachWithADescription()
    {
        string[] kinds = [FaultKind.BrokerCrash, FaultKind.ControllerCrash, FaultKind.ZoneOutage, FaultKind.SiteOutage, FaultKind.RegionOutage,
            FaultKind.NetworkPartition, FaultKind.LinkDegradation, FaultKind.SlowDisk, FaultKind.WorkerCrash, FaultKind.ClockSkew, FaultKind.ProcessPause,
            FaultKind.AlterConfig, FaultKind.ElectLeaders, FaultKind.ReassignPartitions, FaultKind.ConsumerCrash, FaultKind.DiskFailure, FaultKind.Switchover, FaultKind.CpuThrottle,
            FaultKind.CreateTopic, FaultKind.CreatePartitions, FaultKind.DeleteTopic];
        Assert.Equal(kinds.Order(StringComparer.Ordinal), FaultKinds.All.Select(k => k.Name).Order(StringComparer.Ordinal));
        Assert.All(FaultKinds.All, k => Assert.False(string.IsNullOrWhiteSpace(k.Description)));
    }

    [Fact]
    public void ArchitectureCatalog_DescribesEveryTemplateOnce()
    {
        string[] templates =
            [StretchCluster.Name, ActiveActive.Name, ActivePassive.Name, AggregateCluster.Name, HubAndSpoke.Name, ObserverCluster.Name, TieredStorageDr.Name, CustomTopology.Name];
        Assert.Equal(templates.Order(StringComparer.Ordinal), ArchitectureCatalog.Descriptions.Select(d => d.Name).Order(StringComparer.Ordinal));
    }
}
