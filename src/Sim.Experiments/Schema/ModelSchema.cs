using System.Text.Json.Nodes;
using Sim.Experiments.Models;
using Sim.Experiments.Spec;
using Sim.Kafka.Hardware;
using Sim.MirrorMaker.Config;
using static Sim.Experiments.Schema.SchemaNodes;

namespace Sim.Experiments.Schema;

/// <summary>
/// The JSON Schema of model files, assembled from <see cref="ModelLoader"/>'s key lists, the hardware
/// section's keys and catalogue (instances, disk types) and the MirrorMaker 2 flow key table.
/// </summary>
internal static class ModelSchema
{
    public static JsonObject Build()
    {
        var schema = ExperimentSchema.Root("sim model file", "A model of the sim simulator: regions, zones, racks, links, clusters, MirrorMaker 2. See docs/models.md.");
        var top = Obj("", ModelLoader.TopKeys.Select(k => (k, Top(k))));
        schema["type"] = "object";
        schema["required"] = new JsonArray("regions");
        schema["properties"] = top["properties"]!.DeepClone();
        schema["additionalProperties"] = false;
        schema["$defs"] = new JsonObject([.. Kinds().Select(k => KeyValuePair.Create(k.Name, (JsonNode?)k.Schema)),
            KeyValuePair.Create("hardware", (JsonNode?)Hardware("A machine (docs/hardware.md).")), KeyValuePair.Create("link", (JsonNode?)Link())]);
        return schema;
    }

    private static JsonObject Top(string key) => key switch
    {
        "name" => Word("The model's name."),
        "description" => Word("What the model is."),
        "regions" => Map("Regions by name.", Obj("A region.", ModelLoader.RegionKeys.Select(k => (k, Map("Zones by name (availability zones, sites, data centres).", Zone()))))),
        "links" => Links(),
        "clusters" => Map("Kafka clusters by name (used by the custom template).", Cluster()),
        "mirrormaker" => Map("MirrorMaker 2 Connect clusters by name.", Connect()),
        _ => Any(key),
    };

    private static JsonObject Zone() => Obj("A zone.", ModelLoader.ZoneKeys.Select(k => (k, k == "racks"
        ? List("The zone's racks (a broker's rack is its broker.rack).", Word("A rack."))
        : Bandwidth("The bandwidth of the zone's client hosts."))));

    private static JsonObject Links()
    {
        var links = Map("Links keyed a/b (both ways) or a->b (one way) between zones or regions, and 'defaults'.", ExperimentSchema.Ref("link", "A link's fields."));
        links["properties"] = new JsonObject
        {
            ["defaults"] = Obj("The link preset of each kind of hop (sim list presets).", ModelLoader.DefaultKeys.Select(k => (k, Word($"The preset of {k} hops.")))),
        };
        return links;
    }

    /// <summary>A link's fields, in a model's <c>links</c> and an experiment's <c>network.links</c>.</summary>
    public static JsonObject Link() => Obj("A link: a preset and fields over it.", ModelLoader.LinkFields.Select(k => (k, k switch
    {
        "preset" => Word("A link preset (sim list presets)."),
        "rtt" => Duration("Round-trip time."),
        "jitter" => Distribution("Added one-way delay: a duration or a distribution.", Duration("A duration.")),
        "loss" => Real("Packet loss probability, 0 to 1."),
        _ => AnyOf("Bandwidth (10Gbps, 125MB/s) or unlimited.", Bandwidth("A bandwidth."), Choice("No limit.", ["unlimited"])),
    })));

    private static JsonObject Cluster() => Obj("A cluster: its brokers and KRaft controllers.", ModelLoader.ClusterKeys.Select(k => (k, k switch
    {
        "brokers" => Placements("Brokers: counts per zone ({a: 3}) or a list of {id, rack} or {id, zone}."),
        "controllers" => Placements("KRaft controllers: counts per zone or a list; with controller.mode combined, the brokers that are voters."),
        "controller.mode" => Choice("dedicated (default) or combined (process.roles=broker,controller).", ["dedicated", "combined"]),
        _ => ExperimentSchema.Ref("hardware", "The cluster's machine (docs/hardware.md)."),
    })));

    private static JsonObject Placements(string description)
    {
        var entry = Obj("A node.", ModelLoader.PlacementKeys.Select(k => (k, k == "id" ? Int("The node.id.") : Word($"The node's {k}."))));
        return AnyOf(description, Map("Counts per zone.", Plain("integer")), List("Nodes.", entry.Strip()), List("Node ids.", Plain("integer")));
    }

    private static JsonObject Connect() => Obj("A Connect cluster running MirrorMaker 2.", MirrorMakerSection.ConnectKeys.Select(k => (k, k switch
    {
        "workers" => Placements("Connect workers: counts per zone or a list."),
        "flows" => Map("Flows keyed SOURCE->TARGET (clusters of the model).",
            KeyProbe.Block(ConfigKeys.Mirror, new MirrorFlowConfig("a", "b"), "MirrorMaker 2 keys of the flow (docs/mirrormaker.md).", "a MirrorMaker 2 flow")),
        _ => AnyOf($"Kafka Connect config {k}: a duration; a bare number is milliseconds.", Plain("number"), Kind(null, "duration")),
    })));

    /// <summary>A machine: an instance type and fields over it (docs/hardware.md).</summary>
    public static JsonObject Hardware(string description) => Obj(description, HardwareSection.Keys.Select(k => (k, k switch
    {
        "instance" => Choice("An instance type whose cores, memory, network and price the machine takes.", HardwareCatalog.Instances.Select(i => i.Name)),
        "cores" => Int("CPU cores."),
        "memory" or "jvm.heap" => Size($"The machine's {k}."),
        "network" => Obj("Network bandwidth of the host.", HardwareSection.NetworkKeys.Select(n => (n, n switch
        {
            "burst.seconds" => Real("How long a burst lasts."),
            "burst.credits.seconds" => Real("Seconds of burst the credit bucket holds at the start (0: spent by an earlier sustained load)."),
            "mtu" => Int("The card's MTU in bytes (576-9216): TCP/IP and Ethernet framing per segment."),
            _ => Bandwidth($"The {n} bandwidth."),
        }))),
        "disks" => Obj("The log disks.", HardwareSection.DiskKeys.Select(d => (d, d switch
        {
            "type" => Choice("A disk type.", HardwareCatalog.DiskTypes.Select(t => t.Name)),
            "count" or "iops" => Int($"Disk {d}."),
            "size" => Size("Size of each disk."),
            _ => Bandwidth("Provisioned throughput."),
        }))),
        "price.usd.per.hour" => Real("Price of the machine per hour (USD)."),
        _ => Real($"Linux {k}, a percentage."),
    })));

    private static JsonObject Strip(this JsonObject o)
    {
        o["type"] = "object";
        return o;
    }
}
