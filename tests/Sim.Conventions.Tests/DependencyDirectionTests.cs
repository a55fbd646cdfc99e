using Assembly = System.Reflection.Assembly;
using Architecture = ArchUnitNET.Domain.Architecture;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Sim.Conventions.Tests;

/// <summary>
/// Dependencies point one way: Core &lt;- Network &lt;- (Kafka &lt;- MirrorMaker &lt;- Architectures) &lt;-
/// Experiments &lt;- Cli. A lower layer that reached up would let the model read configuration or
/// write output, which the design forbids.
/// </summary>
public class DependencyDirectionTests
{
    private static readonly Assembly Core = typeof(Sim.Core.Scheduling.Scheduler).Assembly;
    private static readonly Assembly Network = typeof(Sim.Network.Transport.Network).Assembly;
    private static readonly Assembly Kafka = typeof(Sim.Kafka.KafkaCluster).Assembly;
    private static readonly Assembly MirrorMaker = typeof(Sim.MirrorMaker.MirrorMakerDeployment).Assembly;
    private static readonly Assembly Architectures = typeof(Sim.Architectures.Runtime.Simulation).Assembly;
    private static readonly Assembly Experiments = typeof(Sim.Experiments.Models.ModelLoader).Assembly;
    private static readonly Assembly Cli = typeof(Sim.Cli.Program).Assembly;
    private static readonly Assembly Results = typeof(Sim.Results.RunRecord).Assembly;
    private static readonly Assembly Plotting = typeof(Sim.Plotting.PlotSet).Assembly;

    private static readonly Architecture Architecture =
        new ArchLoader().LoadAssemblies(Core, Network, Kafka, MirrorMaker, Architectures, Experiments, Cli, Results, Plotting).Build();

    [Fact]
    public void Core_DependsOnNoOtherSimLayer() =>
        Types().That().ResideInAssembly(Core)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Network).Or().ResideInAssembly(Kafka).Or().ResideInAssembly(Architectures).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void Network_DependsOnlyOnCore() =>
        Types().That().ResideInAssembly(Network)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Kafka).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void Kafka_DependsOnlyOnNetworkAndCore() =>
        Types().That().ResideInAssembly(Kafka)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(MirrorMaker).Or().ResideInAssembly(Architectures).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void MirrorMaker_DependsOnlyOnKafkaAndBelow() =>
        Types().That().ResideInAssembly(MirrorMaker)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Architectures).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void Architectures_DependOnlyOnMirrorMakerAndBelow() =>
        Types().That().ResideInAssembly(Architectures)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void Experiments_DoNotDependOnTheCommandLine() =>
        Types().That().ResideInAssembly(Experiments)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Cli))
            .Check(Architecture);

    [Fact]
    public void Results_DependOnNoOtherSimLayer() =>
        Types().That().ResideInAssembly(Results)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Core).Or().ResideInAssembly(Network).Or().ResideInAssembly(Kafka).Or().ResideInAssembly(MirrorMaker)
                .Or().ResideInAssembly(Architectures).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli).Or().ResideInAssembly(Plotting))
            .Check(Architecture);

    [Fact]
    public void Plotting_ReadsOnlyResultRecords() =>
        Types().That().ResideInAssembly(Plotting)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Core).Or().ResideInAssembly(Network).Or().ResideInAssembly(Kafka).Or().ResideInAssembly(MirrorMaker)
                .Or().ResideInAssembly(Architectures).Or().ResideInAssembly(Experiments).Or().ResideInAssembly(Cli))
            .Check(Architecture);

    // The run's probes fill values by the metric declarations (MetricCatalog, MetricInfo), so a metric is declared
    // once for the CSV, the plots and the docs; every other result record stays out of the model.
    [Fact]
    public void TheModelDoesNotKnowAboutResultsOrPlots() =>
        Types().That().ResideInAssembly(Core).Or().ResideInAssembly(Network).Or().ResideInAssembly(Kafka).Or().ResideInAssembly(MirrorMaker).Or().ResideInAssembly(Architectures)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(Results).And().AreNot(typeof(Sim.Results.MetricCatalog), typeof(Sim.Results.MetricInfo))
                .Or().ResideInAssembly(Plotting))
            .Check(Architecture);
}
