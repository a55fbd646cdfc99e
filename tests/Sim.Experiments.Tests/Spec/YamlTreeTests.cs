using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Writing keys into a YAML tree by dotted path, as <c>--set</c> and sweeps do. Kafka's keys contain dots,
/// so a path is matched against the keys a mapping already has, longest first, and a key the file left
/// out is added whole; sections an architecture block may leave out are created on the way. Every node
/// written remembers where it came from, so a problem with it is reported there.
/// </summary>
public sealed class YamlTreeTests
{
    private const string File = "exp.yaml";

    private static readonly Location Override = new("--set override", default);

    private static YamlTree Tree(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return YamlTree.Of(File, stream.Documents[0].RootNode);
    }

    private static string? Set(YamlTree tree, string path, string value) => tree.Set(path, YamlTree.ParseValue(value, out _), Override);

    private static string? Text(YamlTree tree, string path) => (tree.Get(path) as YamlScalarNode)?.Value;

    private static string[] KeysOf(YamlNode? node) =>
        Assert.IsType<YamlMappingNode>(node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray();

    private static YamlNode Child(YamlNode map, string key) => ((YamlMappingNode)map).Children[new YamlScalarNode(key)];

    [Fact]
    public void Set_KafkaKeyMissingFromATopic_AddsItAsOneDottedKey()
    {
        var tree = Tree("""
            topics:
              orders: { partitions: 3, replication.factor: 3 }
            """);

        Assert.Null(Set(tree, "topics.orders.min.insync.replicas", "2"));

        // One key named min.insync.replicas, not a mapping min: {insync: {replicas: 2}}.
        Assert.Equal(["partitions", "replication.factor", "min.insync.replicas"], KeysOf(tree.Get("topics.orders")));
        Assert.Equal("2", Text(tree, "topics.orders.min.insync.replicas"));
    }

    [Fact]
    public void Set_KeyTheFileHas_ReplacesTheValueInItsPlace()
    {
        var tree = Tree("""
            topics:
              orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
            """);

        Assert.Null(Set(tree, "topics.orders.replication.factor", "5"));

        Assert.Equal(["partitions", "replication.factor", "min.insync.replicas"], KeysOf(tree.Get("topics.orders")));
        Assert.Equal("5", Text(tree, "topics.orders.replication.factor"));
        Assert.Equal("3", Text(tree, "topics.orders.partitions"));
    }

    [Fact]
    public void Set_ListItemByIndex_ChangesOnlyThatItem()
    {
        var tree = Tree("""
            workload:
              producers:
                - { zone: a, config: { acks: all } }
                - { zone: b, config: { acks: all } }
            """);

        Assert.Null(Set(tree, "workload.producers.1.config.acks", "1"));

        Assert.Equal("all", Text(tree, "workload.producers.0.config.acks"));
        Assert.Equal("1", Text(tree, "workload.producers.1.config.acks"));
    }

    [Fact]
    public void Set_WholeListItem_ReplacesTheItem()
    {
        var tree = Tree("""
            workload:
              producers:
                - { zone: a, rate: 100/s }
            """);

        Assert.Null(Set(tree, "workload.producers.0", "{zone: d, rate: 5/s}"));

        Assert.Equal("d", Text(tree, "workload.producers.0.zone"));
        Assert.Equal("5/s", Text(tree, "workload.producers.0.rate"));
    }

    [Fact]
    public void Set_IndexOutOfRange_SaysWhichListAndHowManyItemsItHas()
    {
        var tree = Tree("""
            workload:
              producers:
                - { zone: a, config: { acks: all } }
                - { zone: b, config: { acks: all } }
            """);

        var problem = Set(tree, "workload.producers.2.config.acks", "1");

        Assert.Equal("'workload.producers.2' is not an item of the list at 'workload.producers' (it has 2 items, numbered from 0)", problem);
        Assert.Null(tree.Get("workload.producers.2"));
    }

    [Fact]
    public void Set_IndexThatIsNotANumber_SaysItIsNotAnItem()
    {
        var tree = Tree("""
            workload:
              producers:
                - { zone: a }
            """);

        var problem = Set(tree, "workload.producers.first.zone", "b");

        Assert.Equal("'workload.producers.first' is not an item of the list at 'workload.producers' (it has 1 items, numbered from 0)", problem);
    }

    [Fact]
    public void Set_PathThroughAListItemThatIsASingleValue_SaysItHasNoSuchKey()
    {
        var tree = Tree("""
            sites: [a, b]
            """);

        var problem = Set(tree, "sites.0.rack", "a1");

        Assert.Equal("'sites.0' is a single value, so it has no key 'rack'", problem);
    }

    [Fact]
    public void Set_BrokerSectionTheBlockLeftOut_CreatesTheSectionWithTheKafkaKey()
    {
        var tree = Tree("""
            architectures:
              x:
                sites: [a, b, c]
            """);

        Assert.Null(Set(tree, "architectures.x.broker.min.insync.replicas", "2"));

        Assert.Equal(["sites", "broker"], KeysOf(tree.Get("architectures.x")));
        Assert.Equal(["min.insync.replicas"], KeysOf(tree.Get("architectures.x.broker")));
        Assert.Equal("2", Text(tree, "architectures.x.broker.min.insync.replicas"));
    }

    [Fact]
    public void Set_ArchitectureBlockTheFileLacks_CreatesTheBlockByName()
    {
        var tree = Tree("""
            architectures:
              x: { sites: [a, b, c] }
            """);

        Assert.Null(Set(tree, "architectures.y.template", "stretch"));

        Assert.Equal(["x", "y"], KeysOf(tree.Get("architectures")));
        Assert.Equal("stretch", Text(tree, "architectures.y.template"));
    }

    [Fact]
    public void Set_LinkWithoutANetworkSection_CreatesNetworkLinksAndTheLink()
    {
        var tree = Tree("""
            duration: 1m
            """);

        Assert.Null(Set(tree, "network.links.a/b.rtt", "20ms"));

        Assert.Equal(["duration", "network"], KeysOf(tree.Root));
        Assert.Equal(["a/b"], KeysOf(tree.Get("network.links")));
        Assert.Equal("20ms", Text(tree, "network.links.a/b.rtt"));
    }

    [Fact]
    public void Set_KeysThatArePrefixesOfEachOther_FollowsTheLongestKey()
    {
        var tree = Tree("""
            m:
              x: { y.z: 1 }
              x.y: { z: 2 }
            """);

        Assert.Null(Set(tree, "m.x.y.z", "3"));

        var m = tree.Get("m")!;
        Assert.Equal("3", ((YamlScalarNode)Child(Child(m, "x.y"), "z")).Value);
        Assert.Equal("1", ((YamlScalarNode)Child(Child(m, "x"), "y.z")).Value);
    }

    [Fact]
    public void Set_TimeseriesIntervalBesideTimeseries_WritesTheLongerKeyAndLeavesTheShorterOne()
    {
        var tree = Tree("""
            outputs:
              timeseries: all
              timeseries.interval: 1s
            """);

        Assert.Null(Set(tree, "outputs.timeseries.interval", "5s"));

        Assert.Equal("all", Text(tree, "outputs.timeseries"));
        Assert.Equal("5s", Text(tree, "outputs.timeseries.interval"));
    }

    [Theory]
    [InlineData("outputs: { timeseries: all }", "outputs.timeseries.interval", "5s")]
    [InlineData("mirror: { topics: orders }", "mirror.topics.exclude", "audit")]
    [InlineData("failover: { failback: true }", "failover.failback.delay", "30s")]
    [InlineData("broker: { sim.request.cost: 20us }", "broker.sim.request.cost.per.kib", "1us")]
    public void Set_KeyExtendingASingleValuedKeyTheFileHas_AddsTheLongerKeyBesideIt(string yaml, string path, string value)
    {
        // These are pairs of real keys (outputs.timeseries and outputs.timeseries.interval, MirrorMaker 2's
        // topics and topics.exclude, failback and failback.delay, sim.request.cost and
        // sim.request.cost.per.kib): the shorter one holds a single value, so the path cannot go through it,
        // and the longer one is a key the file left out, which may be added as the last step of a path.
        var tree = Tree(yaml);
        string section = path[..path.IndexOf('.')];
        string key = path[(section.Length + 1)..];
        var before = KeysOf(tree.Get(section));

        Assert.Null(Set(tree, path, value));

        Assert.Equal([.. before, key], KeysOf(tree.Get(section)));
        Assert.Equal(value, ((YamlScalarNode)Child(tree.Get(section)!, key)).Value);
    }

    [Fact]
    public void Set_NewKey_PlacesTheKeyAndValueAtTheOverridesOrigin()
    {
        var tree = Tree("""
            topics:
              orders: { partitions: 3 }
            """);

        Set(tree, "topics.orders.min.insync.replicas", "2");

        var orders = (YamlMappingNode)tree.Get("topics.orders")!;
        var (key, value) = orders.Children.Last();
        Assert.Equal(Override, tree.Origins[key]);
        Assert.Equal(Override, tree.Origins[value]);
        // The keys the file wrote keep their place in the file.
        var partitions = orders.Children.First().Key;
        Assert.Equal((File, 2), (tree.Origins[partitions].File, tree.Origins[partitions].Mark.Line));
    }

    [Fact]
    public void Set_KeyTheFileHas_MovesTheKeysOriginToTheOverride()
    {
        var tree = Tree("""
            topics:
              orders:
                partitions: 3
                replication.factor: 3
            """);
        var original = ((YamlMappingNode)tree.Get("topics.orders")!).Children.Keys.Last();
        Assert.Equal(4, tree.Origins[original].Mark.Line);

        Set(tree, "topics.orders.replication.factor", "2");

        // A problem with the new value is reported against the key, so the key must carry the override's origin.
        var (key, value) = ((YamlMappingNode)tree.Get("topics.orders")!).Children.Last();
        Assert.Equal("replication.factor", ((YamlScalarNode)key).Value);
        Assert.Equal(Override, tree.Origins[key]);
        Assert.Equal(Override, tree.Origins[value]);
    }

    [Fact]
    public void Set_MappingValue_GivesEveryNodeInItTheOverridesOrigin()
    {
        var tree = Tree("""
            links:
              a/b: { rtt: 2ms }
            """);

        Set(tree, "links.a/b", "{rtt: 20ms, loss: 0.01}");

        var link = (YamlMappingNode)tree.Get("links.a/b")!;
        Assert.Equal(["rtt", "loss"], KeysOf(link));
        Assert.All(link.Children, kv =>
        {
            Assert.Equal(Override, tree.Origins[kv.Key]);
            Assert.Equal(Override, tree.Origins[kv.Value]);
        });
    }

    [Fact]
    public void Clone_ThenSet_LeavesTheOriginalAndItsOriginsUnchanged()
    {
        var tree = Tree("""
            topics:
              orders: { partitions: 3 }
            """);

        var copy = tree.Clone();
        Set(copy, "topics.orders.partitions", "6");
        Set(copy, "topics.orders.min.insync.replicas", "2");

        Assert.Equal("3", Text(tree, "topics.orders.partitions"));
        Assert.Null(tree.Get("topics.orders.min.insync.replicas"));
        Assert.Equal("6", Text(copy, "topics.orders.partitions"));
        // The copy keeps the file positions of the nodes it did not change.
        Assert.Equal(File, copy.Origins[copy.Get("topics.orders")!].File);
    }

    [Theory]
    [InlineData("[a, b]", typeof(YamlSequenceNode))]
    [InlineData("{rtt: 2ms}", typeof(YamlMappingNode))]
    [InlineData("20ms", typeof(YamlScalarNode))]
    public void ParseValue_YamlText_ReturnsTheNodeItDescribes(string text, Type expected)
    {
        Assert.IsType(expected, YamlTree.ParseValue(text, out _));
    }

    [Theory]
    [InlineData("a: b: c")]
    [InlineData("[2ms, 10ms")]
    [InlineData("{rtt: 2ms")]
    public void ParseValue_TextThatIsNotYaml_IsTakenAsPlainText(string text)
    {
        // Command-line values are often typed in a hurry; one that is not YAML is a plain value, never a crash.
        var node = Assert.IsType<YamlScalarNode>(YamlTree.ParseValue(text, out _));

        Assert.Equal(text, node.Value);
    }
}
