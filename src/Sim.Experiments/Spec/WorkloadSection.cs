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
    internal static readonly string[] WorkloadKeys = ["producers", "consumers"];
    internal static readonly string[] ProducerKeys = ["zone", "count", "topic", "rate", "arrivals", "record.size", "keys", "bursts", "start", "stop", "config"];
    internal static readonly string[] ConsumerKeys = ["zone", "count", "group", "topic", "start", "config"];
    internal static readonly string[] BurstKeys = ["at", "duration", "factor"];

    public static List<TopicConfig> Topics(YamlReader r, YamlNode node)
    {
        var topics = new List<TopicConfig>();
        foreach (var (name, value) in r.Mapping(node, "topics") ?? [])
        {
            // Kafka's num.partitions and default.replication.factor are both 1.
            var topic = ConfigKeys.Topic.Apply(r, value, $"topics.{name}", new TopicConfig(name, 1, 1));
            topics.Add(PlacementConstraintsReader.Reconcile(r, value, $"topics.{name}", ReplicaAssignment.Reconcile(r, value, $"topics.{name}", topic)));
        }
        return topics;
    }

    /// <summary>The largest record the simulator takes: Kafka's message.max.bytes and max.request.size are ints, and a record of a gibibyte is already far past any real limit.</summary>
    public const double MaxRecordBytes = 1024.0 * 1024 * 1024;

    public static (List<ProducerSpec>, List<ConsumerSpec>) Workload(YamlReader r, YamlNode node, IReadOnlyList<TopicConfig> topics, RunLimits limits)
    {
        var producers = new List<ProducerSpec>();
        var consumers = new List<ConsumerSpec>();
        foreach (var (k, v) in r.Mapping(node, "workload", WorkloadKeys) ?? [])
        {
            var items = r.Sequence(v, $"workload.{k}") ?? [];
            for (int i = 0; i < items.Count; i++)
            {
                string path = $"workload.{k}.{i.ToString(CultureInfo.InvariantCulture)}";
                if (k == "producers" && Producer(r, items[i], path, topics, limits) is { } p) producers.Add(p);
                if (k == "consumers" && Consumer(r, items[i], path, topics) is { } c) consumers.Add(c);
            }
        }
        return (producers, consumers);
    }

    private static ProducerSpec? Producer(YamlReader r, YamlNode node, string path, IReadOnlyList<TopicConfig> topics, RunLimits limits)
    {
        var fields = r.Mapping(node, path, ProducerKeys) ?? [];
        string? zone = null, topic = null;
        int count = 1;
        double? rate = null, bytesPerSecond = null;
        bool closedLoop = false;
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
                case "rate":
                    if (r.Scalar(v, key) == "max") { closedLoop = true; rate = 0; }
                    else if (ByteRate(r, v, key) is { } bps) bytesPerSecond = bps;
                    else rate = Rate(r, v, key);
                    break;
                case "arrivals": arrivals = Values.Choice(r, v, key, "poisson", "constant") == "constant" ? ArrivalProcess.Constant : ArrivalProcess.Poisson; break;
                case "record.size": size = RecordSize(r, v, key); break;
                case "keys": keys = Keys(r, v, key, limits); break;
                case "start": start = SimTime.Zero + (Values.Duration(r, v, key, allowZero: true) ?? SimDuration.Zero); break;
                case "stop": stop = SimTime.Zero + (Values.Duration(r, v, key, allowZero: true) ?? SimDuration.MaxValue); break;
                case "bursts": bursts = Bursts(r, v, key); break;
                case "config": configNode = v; config = ConfigKeys.Producer.Apply(r, v, key, config); break;
            }
        }
        if (zone is null) r.ErrorAt($"{path}.zone", "a producer needs the 'zone' it runs in");
        if (topic is null && !fields.Any(f => f.Key == "topic")) r.ErrorAt($"{path}.topic", "a producer needs the 'topic' it writes");
        if (rate is null && !fields.Any(f => f.Key == "rate")) r.ErrorAt($"{path}.rate", "a producer needs a 'rate' (records per second: 2000/s)");
        config = Idempotence(r, config, configNode, $"{path}.config");
        // A rate in bytes becomes records per second at the mean record size (before compression, as
        // kafka-producer-perf-test counts --throughput in records of --record-size bytes).
        if (bytesPerSecond is { } b) rate = b / Math.Max(1, (size ?? new WorkloadConfig("", 0).RecordSize).Build().Mean);
        if (closedLoop) CheckClosedLoop(r, path, fields);
        else if (rate is { } perSecond) CheckRate(r, $"{path}.rate", perSecond * count * bursts.Select(b => b.Factor).DefaultIfEmpty(1).Max(), limits);
        if (zone is null || topic is null || rate is null) return null;
        var workload = new WorkloadConfig(topic, rate.Value) { Arrivals = arrivals, Keys = keys, Bursts = bursts, Start = start, Stop = stop, ClosedLoop = closedLoop };
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
        int count = 1;
        SimTime? start = null;
        var config = new ConsumerConfig();
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            switch (k)
            {
                case "zone": zone = r.Scalar(v, key); break;
                case "group": group = r.Scalar(v, key); break;
                case "count": count = Values.Int(r, v, key, 1, 1000) ?? 1; break;
                case "topic": topic = Topic(r, v, key, topics); break;
                case "start": start = SimTime.Zero + (Values.Duration(r, v, key, allowZero: true) ?? SimDuration.Zero); break;
                case "config": config = ConfigKeys.Consumer.Apply(r, v, key, config); break;
            }
        }
        if (zone is null) r.ErrorAt($"{path}.zone", "a consumer needs the 'zone' it runs in");
        if (group is null) r.ErrorAt($"{path}.group", "a consumer needs its 'group' (group.id)");
        if (topic is null && !fields.Any(f => f.Key == "topic")) r.ErrorAt($"{path}.topic", "a consumer needs the 'topic' it reads");
        if (zone is null || group is null || topic is null) return null;
        if (config.HeartbeatInterval >= config.SessionTimeout)
            r.ErrorAt($"{path}.config.heartbeat.interval.ms", "heartbeat.interval.ms must be lower than session.timeout.ms", "Kafka recommends no more than a third of it");
        return new ConsumerSpec(zone, group, topic) { Count = count, Start = start, Config = config with { GroupId = group } };
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

    /// <summary>A rate in bytes (<c>50MB/s</c>, <c>1Gbps</c>), in bytes per second; null when the text is not one (nothing is reported).</summary>
    private static double? ByteRate(YamlReader r, YamlNode v, string key)
    {
        var text = r.Scalar(v, key);
        if (text is null || !(text.EndsWith("B/s", StringComparison.Ordinal) || text.EndsWith("bps", StringComparison.Ordinal))) return null;
        if (Sim.Experiments.Text.BandwidthText.TryParse(text, out var bw, out var error)) return bw.BytesPerSecond;
        r.Error(key, v, error);
        return 0;
    }

    /// <summary>
    /// <c>rate: max</c> has no rate to shape: an arrival process or bursts (which multiply a rate) cannot apply to it,
    /// so writing them is an error rather than a key silently ignored.
    /// </summary>
    private static void CheckClosedLoop(YamlReader r, string path, IReadOnlyList<(string Key, YamlNode Value)> fields)
    {
        foreach (var (k, _) in fields)
        {
            if (k is "arrivals" or "bursts")
                r.ErrorAt($"{path}.{k}", $"'{k}' shapes a rate, and 'rate: max' sends as fast as acknowledgements allow", "give a rate (2000/s, 50MB/s) or remove '" + k + "'");
        }
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
            r.Error(key, v, $"'{text}' is not a rate", "write records per second as 2000/s, per minute as 120000/min, bytes as 50MB/s, or max (as fast as acknowledgements allow)");
            return null;
        }
        return n / per;
    }

    /// <summary>Distinct keys are hashed to partitions when the producer starts, so their count is bounded by <c>limits.keys</c> before that.</summary>
    private static int Keys(YamlReader r, YamlNode v, string key, RunLimits limits)
    {
        var n = Values.Int(r, v, key, 0) ?? 0;
        if (n <= limits.Keys) return n;
        r.Error(key, v, $"{n} keys is more than limits.keys ({limits.Keys}): each key is hashed to its partition when the producer starts; raise it with --set limits.keys=N");
        return 0;
    }

    /// <summary>A producer entry's records per second (rate x count x its largest burst), bounded by <c>limits.records_per_second</c>.</summary>
    private static void CheckRate(YamlReader r, string key, double perSecond, RunLimits limits)
    {
        if (perSecond <= limits.RecordsPerSecond) return;
        r.ErrorAt(key, $"{perSecond:G4} records/s (rate x count x largest burst factor) is more than limits.records_per_second ({limits.RecordsPerSecond:G4}): " +
                       "raise it with --set limits.records_per_second=N if the experiment really produces this much");
    }

    /// <summary>Record sizes in bytes, no value above <see cref="MaxRecordBytes"/> (a constant or a distribution's location and scale).</summary>
    private static Sim.Core.Distributions.DistributionSpec? RecordSize(YamlReader r, YamlNode v, string key)
    {
        var size = r.Distribution(v, key, QuantityKind.Bytes);
        if (size is null) return null;
        foreach (var (name, value) in size.Parameters)
        {
            if (Sim.Core.Distributions.DistributionSpec.IsDimensionless(name) || value <= MaxRecordBytes) continue;
            r.ErrorAt(size.Family == "constant" ? key : $"{key}.{name}", $"{value:G4} bytes is more than the largest record the simulator takes (1GiB; Kafka's default message.max.bytes is about 1MiB)");
            return null;
        }
        return size;
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
                if (k == "at") at = Values.Duration(r, bv, $"{bk}.at", allowZero: true);
                else if (k == "duration") duration = Values.Duration(r, bv, $"{bk}.duration", allowZero: true);
                else factor = r.Number(bv, $"{bk}.factor");
            }
            if (at is null || duration is null || factor is null) { r.ErrorAt(bk, "a burst needs 'at', 'duration' and 'factor'"); continue; }
            if (factor < 0) { r.ErrorAt($"{bk}.factor", "a burst's factor cannot be negative"); continue; }
            bursts.Add(new Burst(SimTime.Zero + at.Value, duration.Value, factor.Value));
        }
        return bursts;
    }
}
