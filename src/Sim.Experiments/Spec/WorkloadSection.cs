using System.Globalization;
using Sim.Architectures.Templates;
using Sim.Core;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// The <c>topics</c> and <c>workload</c> sections: topics with Kafka's topic keys, producers with their
/// rate, arrivals, record sizes, keys and producer configuration, consumers with their group and
/// consumer configuration. Kafka's defaults apply to every key left out.
/// </summary>
internal static class WorkloadSection
{
    private static readonly string[] WorkloadKeys = ["producers", "consumers"];
    private static readonly string[] ProducerKeys = ["zone", "count", "topic", "rate", "arrivals", "record.size", "keys", "bursts", "start", "stop", "config"];
    private static readonly string[] ConsumerKeys = ["zone", "group", "topic", "config"];
    private static readonly string[] BurstKeys = ["at", "duration", "factor"];

    public static List<TopicConfig> Topics(YamlReader r, YamlNode node)
    {
        var topics = new List<TopicConfig>();
        foreach (var (name, value) in r.Mapping(node, "topics") ?? [])
        {
            // Kafka's num.partitions and default.replication.factor are both 1.
            var topic = ConfigKeys.Topic.Apply(r, value, $"topics.{name}", new TopicConfig(name, 1, 1));
            topics.Add(ReplicaAssignment.Reconcile(r, value, $"topics.{name}", topic));
        }
        return topics;
    }

    public static (List<ProducerSpec>, List<ConsumerSpec>) Workload(YamlReader r, YamlNode node, IReadOnlyList<TopicConfig> topics)
    {
        var producers = new List<ProducerSpec>();
        var consumers = new List<ConsumerSpec>();
        foreach (var (k, v) in r.Mapping(node, "workload", WorkloadKeys) ?? [])
        {
            var items = r.Sequence(v, $"workload.{k}") ?? [];
            for (int i = 0; i < items.Count; i++)
            {
                string path = $"workload.{k}.{i.ToString(CultureInfo.InvariantCulture)}";
                if (k == "producers" && Producer(r, items[i], path, topics) is { } p) producers.Add(p);
                if (k == "consumers" && Consumer(r, items[i], path, topics) is { } c) consumers.Add(c);
            }
        }
        return (producers, consumers);
    }

    private static ProducerSpec? Producer(YamlReader r, YamlNode node, string path, IReadOnlyList<TopicConfig> topics)
    {
        var fields = r.Mapping(node, path, ProducerKeys) ?? [];
        string? zone = null, topic = null;
        int count = 1;
        double? rate = null;
        var arrivals = ArrivalProcess.Poisson;
        Sim.Core.Distributions.DistributionSpec? size = null;
        int keys = 0;
        var bursts = new List<Burst>();
        SimTime start = SimTime.Zero, stop = SimTime.MaxValue;
        var config = new ProducerConfig();
        YamlNode? configNode = null;
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            switch (k)
            {
                case "zone": zone = r.Scalar(v, key); break;
                case "count": count = Values.Int(r, v, key, 1, 1000) ?? 1; break;
                case "topic": topic = Topic(r, v, key, topics); break;
                case "rate": rate = Rate(r, v, key); break;
                case "arrivals": arrivals = Values.Choice(r, v, key, "poisson", "constant") == "constant" ? ArrivalProcess.Constant : ArrivalProcess.Poisson; break;
                case "record.size": size = r.Distribution(v, key, QuantityKind.Bytes); break;
                case "keys": keys = Values.Int(r, v, key, 0) ?? 0; break;
                case "start": start = SimTime.Zero + (r.Duration(v, key) ?? SimDuration.Zero); break;
                case "stop": stop = SimTime.Zero + (r.Duration(v, key) ?? SimDuration.MaxValue); break;
                case "bursts": bursts = Bursts(r, v, key); break;
                case "config": configNode = v; config = ConfigKeys.Producer.Apply(r, v, key, config); break;
            }
        }
        if (zone is null) r.ErrorAt($"{path}.zone", "a producer needs the 'zone' it runs in");
        if (topic is null && !fields.Any(f => f.Key == "topic")) r.ErrorAt($"{path}.topic", "a producer needs the 'topic' it writes");
        if (rate is null && !fields.Any(f => f.Key == "rate")) r.ErrorAt($"{path}.rate", "a producer needs a 'rate' (records per second: 2000/s)");
        config = Idempotence(r, config, configNode, $"{path}.config");
        if (zone is null || topic is null || rate is null) return null;
        var workload = new WorkloadConfig(topic, rate.Value) { Arrivals = arrivals, Keys = keys, Bursts = bursts, Start = start, Stop = stop };
        if (size is not null) workload = workload with { RecordSize = size };
        return new ProducerSpec(zone, workload) { Count = count, Config = config };
    }

    /// <summary>
    /// Kafka 3.0+ enables idempotence by default, but only when the other settings allow it: with acks
    /// other than all, or more than five requests in flight, it is quietly turned off; asked for
    /// explicitly with those settings, it is a configuration error (KIP-679).
    /// </summary>
    private static ProducerConfig Idempotence(YamlReader r, ProducerConfig config, YamlNode? configNode, string key)
    {
        bool explicitly = configNode is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("enable.idempotence"));
        bool conflicts = config.Acks != -1 || config.MaxInFlightRequestsPerConnection > 5 || config.Retries == 0;
        if (!conflicts || !config.EnableIdempotence) return config;
        if (explicitly)
        {
            r.ErrorAt($"{key}.enable.idempotence", "the idempotent producer needs acks=all, retries above 0 and at most 5 requests in flight",
                "set enable.idempotence: false, or acks: all");
            return config;
        }
        return config with { EnableIdempotence = false };
    }

    private static ConsumerSpec? Consumer(YamlReader r, YamlNode node, string path, IReadOnlyList<TopicConfig> topics)
    {
        var fields = r.Mapping(node, path, ConsumerKeys) ?? [];
        string? zone = null, group = null, topic = null;
        var config = new ConsumerConfig();
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            switch (k)
            {
                case "zone": zone = r.Scalar(v, key); break;
                case "group": group = r.Scalar(v, key); break;
                case "topic": topic = Topic(r, v, key, topics); break;
                case "config": config = ConfigKeys.Consumer.Apply(r, v, key, config); break;
            }
        }
        if (zone is null) r.ErrorAt($"{path}.zone", "a consumer needs the 'zone' it runs in");
        if (group is null) r.ErrorAt($"{path}.group", "a consumer needs its 'group' (group.id)");
        if (topic is null && !fields.Any(f => f.Key == "topic")) r.ErrorAt($"{path}.topic", "a consumer needs the 'topic' it reads");
        if (zone is null || group is null || topic is null) return null;
        return new ConsumerSpec(zone, group, topic) { Config = config with { GroupId = group } };
    }

    private static string? Topic(YamlReader r, YamlNode v, string key, IReadOnlyList<TopicConfig> topics)
    {
        var name = r.Scalar(v, key);
        if (name is null) return null;
        if (topics.Any(t => t.Name == name)) return name;
        var known = topics.Select(t => t.Name).ToList();
        r.Error(key, v, $"no topic '{name}' in 'topics'", known.Count == 0 ? "declare it under 'topics'" : Sim.Experiments.Text.NameSuggester.Hint(name, known));
        return null;
    }

    /// <summary>Records per second: <c>2000/s</c>, <c>120000/min</c> or a bare number per second.</summary>
    private static double? Rate(YamlReader r, YamlNode v, string key)
    {
        var text = r.Scalar(v, key);
        if (text is null) return null;
        double per = 1;
        string number = text.Trim();
        if (number.EndsWith("/s", StringComparison.Ordinal)) number = number[..^2];
        else if (number.EndsWith("/min", StringComparison.Ordinal)) { number = number[..^4]; per = 60; }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) || n < 0)
        {
            r.Error(key, v, $"'{text}' is not a rate", "write records per second as 2000/s, or per minute as 120000/min");
            return null;
        }
        return n / per;
    }

    private static List<Burst> Bursts(YamlReader r, YamlNode v, string key)
    {
        var bursts = new List<Burst>();
        var items = r.Sequence(v, key) ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            string bk = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            SimDuration? at = null, duration = null;
            double? factor = null;
            foreach (var (k, bv) in r.Mapping(items[i], bk, BurstKeys) ?? [])
            {
                if (k == "at") at = r.Duration(bv, $"{bk}.at");
                else if (k == "duration") duration = r.Duration(bv, $"{bk}.duration");
                else factor = r.Number(bv, $"{bk}.factor");
            }
            if (at is null || duration is null || factor is null) { r.ErrorAt(bk, "a burst needs 'at', 'duration' and 'factor'"); continue; }
            if (factor < 0) { r.ErrorAt($"{bk}.factor", "a burst's factor cannot be negative"); continue; }
            bursts.Add(new Burst(SimTime.Zero + at.Value, duration.Value, factor.Value));
        }
        return bursts;
    }
}
