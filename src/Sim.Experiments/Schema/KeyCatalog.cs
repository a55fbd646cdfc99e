using Sim.Architectures.Tiering;
using Sim.Experiments.Spec;
using Sim.Kafka.Access;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;

namespace Sim.Experiments.Schema;

/// <summary>
/// The configuration keys of every block, in key-table order, each with how its value is written, as the
/// JSON Schemas describe it: what <c>sim list keys</c> prints.
/// </summary>
public static class KeyCatalog
{
    /// <summary>One key: the block it is written in (a path with NAME for a name the user chooses), its name, and the form of its value.</summary>
    public sealed record Entry(string Block, string Key, string Form);

    public static IReadOnlyList<Entry> All()
    {
        var entries = new List<Entry>();
        void Add<T>(string block, KeyTable<T> table, T defaults) =>
            entries.AddRange(table.InOrder.Select(k => new Entry(block, k, KeyProbe.Help(table, defaults, k))));
        Add("architectures.NAME.broker", ConfigKeys.Server, new ServerSettings());
        Add("workload.producers[].config", ConfigKeys.Producer, new ProducerConfig());
        Add("workload.consumers[].config", ConfigKeys.Consumer, new ConsumerConfig());
        Add("topics.NAME", ConfigKeys.Topic, new TopicConfig("topic", 1, 1));
        Add("architectures.NAME.mirror (and a model's mirrormaker.NAME.flows.FLOW)", ConfigKeys.Mirror, new MirrorFlowConfig("a", "b"));
        Add("architectures.NAME.failover", ConfigKeys.Failover, new FailoverConfig());
        Add("architectures.NAME.access", ConfigKeys.Access, new AccessConfig());
        Add("architectures.NAME.tier", ConfigKeys.Tier, new RemoteTierConfig());
        return entries;
    }
}
