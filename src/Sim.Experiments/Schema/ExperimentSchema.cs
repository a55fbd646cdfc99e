using System.Text.Json.Nodes;
using Sim.Architectures.Faults;
using Sim.Architectures.Tiering;
using Sim.Experiments.Search;
using Sim.Experiments.Spec;
using Sim.Kafka.Access;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;
using Sim.Results;
using static Sim.Experiments.Schema.SchemaNodes;

namespace Sim.Experiments.Schema;

/// <summary>
/// The JSON Schema of experiment files, assembled from the loader's own key lists: the top-level keys,
/// each section's fields, the architecture templates' keys, the fault kinds, the metric catalogue (targets),
/// the limits table and the configuration key tables (<see cref="ConfigKeys"/>, typed by <see cref="KeyProbe"/>).
/// Every mapping the loader closes (an unknown key is an error there) is closed here; mappings whose keys
/// the user names (architecture blocks, topics, links, sweep keys) are open.
/// </summary>
internal static class ExperimentSchema
{
    private const string Docs = "docs/experiments.md";

    public static JsonObject Build()
    {
        var types = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["name"] = Word("Names the output directory results/NAME/ (default: the file name)."),
            ["description"] = Word("Text for the report."),
            ["model"] = Word("The model file (models/*.yaml), looked up beside the experiment, one or two levels up, then from the working directory."),
            ["seed"] = Int("Master seed (default 1); every run's seed derives from it."),
            ["duration"] = Duration("Simulated time of each run, warm-up included (required)."),
            ["warmup"] = Duration("The start of each run that metrics leave out (default 10s)."),
            ["replications"] = Int("Runs per sweep point, each with its own seed (default 1)."),
            ["architecture"] = Word("The architecture block to run (needed with several blocks unless swept)."),
            ["architectures"] = Architectures(),
            ["topics"] = Map("Topics by name.", KeyProbe.Block(ConfigKeys.Topic, new TopicConfig("topic", 1, 1), "A topic.", "a topic")),
            ["workload"] = Obj("Producers and consumers.", WorkloadSection.WorkloadKeys.Select(k => (k, k == "producers" ? List("Producer entries.", Producer()) : List("Consumer entries.", Consumer())))),
            ["faults"] = AnyOf("A list of scheduled faults, or {scheduled: [...], stochastic: [...]}.", List("Scheduled faults.", Ref("fault", "A scheduled fault or operation.")), FaultPlan()),
            ["sweep"] = Sweep(),
            ["outputs"] = Outputs(),
            ["network"] = Obj("Overrides of the model's links, field by field.", ExperimentLoader.NetworkKeys.Select(k => (k, Map("Link overrides keyed as in the model (a/b, a->b).", Ref("link", "A link's fields."))))),
            ["limits"] = Obj("Budgets every input is checked against before anything is built or run.", LimitKeys.All.Select(k => (k.Name, Word($"Bounds {k.Bounds} (default {k.Default})")))),
            ["search"] = SearchBlock(),
            ["targets"] = Obj("What the study must achieve, judged per design in the report's verdict: a threshold per metric.",
                MetricCatalog.All.Select(m => (m.Name, AnyOf($"{m.LabelWithUnit}: {m.Definition}", Plain("number"), Plain("string"))))),
            ["fidelity"] = Choice("detailed (default) or hybrid: fluid periods away from the faults.", ["detailed", "hybrid"]),
            ["hybrid"] = Obj("The hybrid windows around each fault.", ExperimentLoader.HybridKeys.Select(k => (k, Duration(k == "settle"
                ? "Close a window once the run has recovered (no write stream waiting, every partition led, every running broker's replicas in sync) and stayed so this long; after is then the longest a window lasts."
                : $"Detailed simulation {k} each fault.")))),
        };
        var schema = Root("sim experiment file", $"An experiment of the sim simulator: model, architectures, workload, faults, sweep. See {Docs}.");
        var top = Obj("", ExperimentLoader.TopKeys.Select(k => (k, types[k])));
        schema["type"] = "object";
        schema["required"] = new JsonArray("model", "duration", "architectures", "topics");
        schema["properties"] = top["properties"]!.DeepClone();
        schema["additionalProperties"] = false;
        schema["$defs"] = new JsonObject
        {
            ["broker"] = KeyProbe.Block(ConfigKeys.Server, new ServerSettings(), "server.properties of every cluster of the architecture.", "broker"),
            ["hardware"] = ModelSchema.Hardware("A machine (docs/hardware.md)."),
            ["cluster_shape"] = Obj("A cluster shape.", ArchitectureSection.ShapeKeys.Select(k => (k, k switch
            {
                "hardware" => Ref("hardware", "This cluster's machine."),
                "broker" => Ref("broker", "server.properties of this cluster, over the architecture's broker block."),
                _ => Int($"{k} of the cluster."),
            }))),
            ["access"] = KeyProbe.Block(ConfigKeys.Access, new AccessConfig(), "How clients find the cluster: load balancer, VIP or DNS.", "access"),
            ["mirror"] = KeyProbe.Block(ConfigKeys.Mirror, new MirrorFlowConfig("a", "b"), "MirrorMaker 2 keys for every flow.", "mirror"),
            ["failover"] = KeyProbe.Block(ConfigKeys.Failover, new FailoverConfig(), "How clients move to the standby.", "failover"),
            ["tier"] = KeyProbe.Block(ConfigKeys.Tier, new RemoteTierConfig(), "The remote tier.", "tier"),
            ["architecture"] = Architecture(),
            ["fault"] = Fault(),
            ["link"] = ModelSchema.Link(),
        };
        foreach (var (name, kind) in Kinds()) ((JsonObject)schema["$defs"]!)[name] = kind;
        return schema;
    }

    /// <summary>A reference to a fragment of the schema's <c>$defs</c>, with what the key means where it is used.</summary>
    public static JsonObject Ref(string def, string description) => new() { ["description"] = description, ["$ref"] = $"#/$defs/{def}" };

    /// <summary>The header every shipped schema starts with.</summary>
    public static JsonObject Root(string title, string description) => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["title"] = title,
        ["description"] = description + " Generated by 'sim schema'; do not edit.",
    };

    /// <summary>
    /// The <c>architectures</c> map. A block named after a template, without <c>template:</c>, takes that
    /// template's keys; any other block must say its template. As in the loader, a block may write the
    /// common keys and its template's own, nothing else.
    /// </summary>
    private static JsonObject Architectures()
    {
        var named = new JsonObject();
        foreach (var (name, keys) in ArchitectureSection.TemplateKeys)
        {
            var block = Ref("architecture", $"A block of the {name} template (unless 'template' names another).");
            block["if"] = new JsonObject { ["not"] = new JsonObject { ["required"] = new JsonArray("template") } };
            block["then"] = KeysOf(keys);
            named[name] = block;
        }
        var other = Ref("architecture", "A block named freely: 'template' says which template builds it.");
        other["required"] = new JsonArray("template");
        var map = Map("Named option blocks; a block's name is its template unless 'template' says otherwise.", other);
        map["properties"] = named;
        return map;
    }

    /// <summary>The keys a block of a template may write: the common ones and the template's own.</summary>
    private static JsonObject KeysOf(IReadOnlyList<string> templateKeys) =>
        new() { ["propertyNames"] = new JsonObject { ["enum"] = new JsonArray([.. ArchitectureSection.Common.Concat(templateKeys).Select(k => (JsonNode)k)]) } };

    private static JsonObject Architecture()
    {
        var keys = new List<string>(ArchitectureSection.Common);
        foreach (var (_, templateKeys) in ArchitectureSection.TemplateKeys)
            keys.AddRange(templateKeys.Where(k => !keys.Contains(k)));
        var users = ArchitectureSection.TemplateKeys.ToList();
        var block = Obj("An architecture block: a template and its options (docs/experiments.md, Architectures).",
            keys.Select(k => (k, ArchitectureKey(k, [.. users.Where(u => u.Keys.Contains(k)).Select(u => u.Name)]))));
        var byTemplate = new JsonArray();
        foreach (var (name, templateKeys) in users)
        {
            byTemplate.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["required"] = new JsonArray("template"), ["properties"] = new JsonObject { ["template"] = new JsonObject { ["const"] = name } } },
                ["then"] = KeysOf(templateKeys),
            });
        }
        block["allOf"] = byTemplate;
        return block;
    }

    private static JsonObject ArchitectureKey(string key, IReadOnlyList<string> templates)
    {
        string of = templates.Count == 0 ? "every template" : string.Join(", ", templates);
        string Say(string what) => $"{what} ({of}).";
        return key switch
        {
            "template" => Choice("The template this block uses (default: the block's name).", ArchitectureSection.Templates),
            "metadata" => Choice(Say("kraft (default) or zookeeper"), ["kraft", "zookeeper"]),
            "broker" => Ref("broker", Say("server.properties of every cluster of the architecture")),
            "hardware" => Ref("hardware", Say("The machine of every broker the block builds (docs/hardware.md)")),
            "access" => Ref("access", Say("How clients find the cluster: load balancer, VIP or DNS")),
            "mirror" => Ref("mirror", Say("MirrorMaker 2 keys for every flow")),
            "failover" => Ref("failover", Say("How clients move to the standby")),
            "tier" => Ref("tier", Say("The remote tier")),
            "workers_per_connect" or "brokers_per_site" or "spoke_count" => Int(Say("A count")),
            "fan_out" => Bool(Say("Mirror the hub back out to the spokes")),
            "readers" => Choice(Say("Which cluster consumers read"), ["regional", "aggregate"]),
            "controllers" => Map(Say("KRaft voters per site"), Plain("integer")),
            "client_clusters" => Map(Say("Zone to the cluster its clients use"), Word("A cluster of the model.")),
            _ when key.EndsWith("_cluster", StringComparison.Ordinal) || key == "cluster" => Ref("cluster_shape", Say("A cluster shape: brokers, controllers, hardware")),
            _ => AnyOf(Say("A site (zone or region of the model), or a list of sites"), Word("A site."), List("Sites.", Word("A site."))),
        };
    }

    private static JsonObject Producer()
    {
        JsonObject Field(string k) => k switch
        {
            "zone" or "topic" => Word($"The producer's {k}."),
            "count" or "keys" => Int(k == "count" ? "Identical producers (default 1)." : "Distinct keys (murmur2 partitioning); 0 means no key."),
            "rate" => AnyOf("Records per second (2000/s, a number), bytes per second (50MB/s, 1Gbps) or max (a closed loop).", Plain("number"), Plain("string")),
            "arrivals" => Choice("Arrival process (default poisson).", ["poisson", "constant"]),
            "record.size" => Distribution("Record size: a size or a size distribution (default 1KiB).", Size("A size.")),
            "bursts" => List("Rate multipliers in windows.", Obj("A burst.", WorkloadSection.BurstKeys.Select(b => (b, b == "factor" ? Real("Rate multiplier.") : Duration($"The burst's {b}."))))),
            "start" or "stop" => Duration($"When the producer {(k == "start" ? "starts" : "stops")} sending."),
            "config" => KeyProbe.Block(ConfigKeys.Producer, new ProducerConfig(), "Producer configs.", "a producer"),
            _ => Any(k),
        };
        return Obj("A producer entry.", WorkloadSection.ProducerKeys.Select(k => (k, Field(k))));
    }

    private static JsonObject Consumer() => Obj("A consumer entry: instances of one application in one group.", WorkloadSection.ConsumerKeys.Select(k => (k, k switch
    {
        "count" => Int("Instances (default 1)."),
        "config" => KeyProbe.Block(ConfigKeys.Consumer, new ConsumerConfig(), "Consumer configs.", "a consumer"),
        "start" => Duration("When the consumer joins its group and starts reading."),
        _ => Word($"The consumer's {k}."),
    })));

    private static JsonObject Fault()
    {
        var kinds = FaultKinds.All.ToList();
        JsonObject Field(string k)
        {
            var users = kinds.Where(x => x.Fields.Contains(k)).ToList();
            string which = string.Join("; ", users.Select(u => $"{u.Name}: {u.Description}"));
            return k switch
            {
                "kind" => Choice("The fault kind (sim list faults).", kinds.Select(x => x.Name)),
                "at" => Duration("When it starts (simulated time from 0, warm-up included)."),
                "duration" => Duration("How long it lasts (default: to the end of the run)."),
                "timeout" => Duration("With 'when': give up this long after 'at'."),
                "target" => AnyOf("A name from the model or a role (leader-of:T/P, active-controller, random-broker...), or a list.", Word("A target."), List("Targets.", Word("A target."))),
                "cluster" => Word("Which cluster a role refers to (default: the first)."),
                "when" => Obj("A condition to wait for.", ConditionSection.Conditions.Select(c => (c, Any($"The {c} condition ({Docs}, Conditional faults).")))),
                _ => Any($"Field of {which}"),
            };
        }
        return Obj("A scheduled fault or operation.", FaultKinds.AllFields.Select(k => (k, Field(k))));
    }

    private static JsonObject FaultPlan() => Obj("Scheduled and stochastic faults.", FaultSection.PlanKeys.Select(k => (k, k == "scheduled"
        ? List("Scheduled faults.", Ref("fault", "A scheduled fault or operation."))
        : List("Stochastic fault classes.", Obj("Failures of a class of components, with mean time between failures and to repair.", FaultSection.StochasticKeys.Select(s => (s, s switch
        {
            "class" => Choice("The class of components.", StochasticClass.All.Select(c => c.Name)),
            "mode" => Choice("How a crashed broker stops.", ["hard", "process", "clean"]),
            "mtbf" => Duration("Mean time between failures of one component (exponential)."),
            _ => Distribution("Time to repair: a duration or a distribution.", Duration("A duration.")),
        })))))));

    private static JsonObject Sweep()
    {
        var values = List("The values the key takes.", new JsonObject());
        var sample = Obj("Random points.", SweepSection.SampleKeys.Select(k => (k, k == "samples"
            ? Int("How many points.")
            : Map("Key to its range.", Obj("A range.", SweepSection.RangeKeys.Select(x => (x, AnyOf($"The range's {x}.", Plain("number"), Plain("string")))))))));
        return Obj("Sweep axes (docs/experiments.md, Sweeps).", SweepSection.Keys.Select(k => (k, k switch
        {
            "grid" => Map("Every combination, the first key varying slowest: key path to a list of values.", values),
            "zip" => Map("Keys that advance together, as one axis.", values),
            _ => sample,
        })));
    }

    private static JsonObject Outputs() => Obj("What the run keeps.", ExperimentLoader.OutputKeys.Select(k => (k, k switch
    {
        "timeseries" => AnyOf("Which runs keep time series: none, first-replication, all, or a list of run ids.", Choice("Which runs.", ["none", "first-replication", "all"]), List("Run ids.", Plain("integer"))),
        "timeseries.interval" => Duration("Time between samples of the time series."),
        "timeline" => AnyOf("The run whose failure timeline the report draws, or auto.", Plain("integer"), Choice("auto.", ["auto"])),
        "trace" => AnyOf("Which runs keep their trace for the report's timeline: none, all, or a list of run ids.", Choice("Which runs.", ["none", "all"]), List("Run ids.", Plain("integer"))),
        "prices" => Obj("Prices for the cost columns.", PriceSection.Keys.Select(p => (p.Key, Real(p.Doc)))),
        _ => throw new InvalidOperationException($"outputs.{k} has no schema: say how its value is written here"),
    })));

    private static JsonObject SearchBlock() => Obj("A capacity search per sweep point (docs/experiments.md, Capacity search).", SearchSection.Keys.Select(k => (k, k switch
    {
        "key" => Word("The key path the search moves (a value the file writes)."),
        "min" or "max" => AnyOf($"The search's {k}, in the key's unit.", Plain("number"), Plain("string")),
        "precision" => Real("Relative precision: stop when the bracket is within it (default 0.05)."),
        "max_probes" => Int("Most probes per point (default 10)."),
        "judge" => Choice("How replications are judged.", ["mean", "pessimistic"]),
        _ => Any("SLA predicates: metric, comparison, threshold."),
    })));
}
