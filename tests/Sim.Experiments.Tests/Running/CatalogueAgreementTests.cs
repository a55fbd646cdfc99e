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
    public void MetricCatalog_AndRecordMapper_NameTheSameMetrics()
    {
        Assert.Equal(MetricCatalog.All.Select(m => m.Name).Order(StringComparer.Ordinal), RecordMapper.Extracted.Order(StringComparer.Ordinal));
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void FaultKinds_NameEveryKindOnce_EachWithADescription()
    {
        string[] kinds = [FaultKind.BrokerCrash, FaultKind.ControllerCrash, FaultKind.ZoneOutage, FaultKind.SiteOutage, FaultKind.RegionOutage,
            FaultKind.NetworkPartition, FaultKind.LinkDegradation, FaultKind.SlowDisk, FaultKind.WorkerCrash, FaultKind.ClockSkew];
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
