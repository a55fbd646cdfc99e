using Sim.Architectures.Runtime;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Architectures.Model;
using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Experiments.Search;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;
using Sim.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// Loads an experiment file: YAML, then <c>--set</c> overrides written into it, then the sweep expanded
/// into points, then every point written into its own copy of the tree and read into options and a
/// deployment plan. Every problem of every point is reported at once, each in the file and on the line
/// that caused it (a sweep value's line, or the <c>--set</c> option); nothing runs if there is one.
/// The format is documented in docs/experiments.md.
/// </summary>
public static partial class ExperimentLoader
{
    internal static readonly string[] TopKeys =
        ["name", "description", "model", "seed", "duration", "warmup", "replications", "architecture", "architectures", "topics", "workload", "faults", "sweep", "outputs", "network", "limits", "search", "targets", "fidelity", "hybrid"];
    internal static readonly string[] NetworkKeys = ["links"];
    private static readonly string[] OncePerExperiment = ["name", "description", "model", "seed", "duration", "warmup", "replications", "outputs", "sweep", "limits", "search", "targets", "fidelity", "hybrid"];
    internal static readonly string[] OutputKeys = ["timeseries", "timeseries.interval", "timeline", "prices", "trace"];

    public static ExperimentDefinition Load(string path, IReadOnlyList<string>? sets = null)
    {
        sets ??= [];
        var problems = new List<Diagnostic>();
        var text = InputFile.Read(path, path, "", LimitKeys.FromSets(sets).FileBytes, problems) ?? throw new InputException(problems);
        return Load(path, text, sets);
    }

    public static ExperimentDefinition Load(string file, string text, IReadOnlyList<string> sets)
    {
        var parsed = YamlReader.Parse(file, text, out var root, LimitKeys.FromSets(sets));
        if (root is null) throw parsed.Failure();
        var tree = YamlTree.Of(file, root);
        var diagnostics = new List<Diagnostic>();
        foreach (var set in sets) ApplySet(tree, set, diagnostics, LimitKeys.FromSets(sets));
        if (diagnostics.Count > 0) throw new InputException(diagnostics);

        var r = YamlReader.ForTree(file, tree.Root, tree.Origins);
        var top = r.Mapping(tree.Root, "", TopKeys) ?? [];
        var header = ReadHeader(r, file, top);
        var (keys, assignments) = SweepSection.Read(r, tree, Find(top, "sweep"), header.Seed, header.Limits.Points);
        var search = Find(top, "search") is { } searchNode ? SearchSection.Read(r, tree, searchNode, keys) : null;
        var targets = Find(top, "targets") is { } targetsNode ? TargetsSection.Read(r, targetsNode) : [];
        CheckSweep(r, sets, keys, assignments.Count, header, search?.Spec.MaxProbes ?? 1);
        if (r.HasErrors || header.ModelFile is not { } modelFile || header.Duration is not { } duration || assignments.Count == 0)
            throw r.Failure();

        var modelText = InputFile.Read(modelFile, modelFile, "", header.Limits.Yaml.FileBytes, diagnostics);
        if (modelText is null)
        {
            r.ErrorAt("model", $"{modelFile}: {diagnostics[0].Message}");
            throw r.Failure();
        }
        var modelParse = YamlReader.Parse(modelFile, modelText, out var modelRoot, header.Limits.Yaml);
        if (modelRoot is null) throw modelParse.Failure();
        var modelTree = YamlTree.Of(modelFile, modelRoot);

        long copies = (long)(tree.NodeCount + modelTree.NodeCount) * assignments.Count;
        if (copies > header.Limits.Yaml.Nodes * YamlLimits.CopiesPerNode)
        {
            r.ErrorAt("sweep", $"{assignments.Count} sweep points each copy the experiment and its model ({tree.NodeCount + modelTree.NodeCount} nodes): {copies} nodes, more than " +
                               $"{YamlLimits.CopiesPerNode} x limits.yaml_nodes ({header.Limits.Yaml.Nodes}); sweep fewer values, or raise it with --set limits.yaml_nodes=N");
            throw r.Failure();
        }
        var bindHeader = header with { Duration = duration };
        // A search's points are built at its min, then checked at its max, so a value the key rejects is found before any run.
        var points = BindPoints(file, tree, modelTree, modelFile, search is null ? assignments : At(assignments, search, search.Spec.Min, search.MinOrigin), bindHeader, diagnostics);
        if (search is not null && diagnostics.Count == 0) BindPoints(file, tree, modelTree, modelFile, At(assignments, search, search.Spec.Max, search.MaxOrigin), bindHeader, diagnostics);
        if (diagnostics.Count > 0) throw new InputException(diagnostics);
        var hash = Hash(text, modelText, sets);
        var definition = new ExperimentDefinition(header.Name, header.Description, file, modelFile, header.Seed, duration, header.Warmup, header.Replications,
            search is null ? keys : [.. keys, search.Spec.Key], points, header.Outputs, hash)
        {
            Limits = header.Limits,
            Targets = targets,
            Hybrid = header.Hybrid,
        };
        if (search is null) return definition;
        return definition with
        {
            Search = search.Spec,
            BindProbe = (sweepPoint, pointId, x) =>
            {
                var probe = new List<Diagnostic>();
                var bound = BindPoints(file, tree, modelTree, modelFile, [[.. assignments[sweepPoint], search.At(x, search.KeyOrigin)]], bindHeader, probe);
                if (probe.Count > 0) throw new InputException(probe);
                return bound[0] with { PointId = pointId };
            },
        };
    }

    /// <summary>Every sweep point's assignments with the searched key set to <paramref name="x"/>.</summary>
    private static List<List<Assignment>> At(List<List<Assignment>> points, SearchSection search, double x, Location origin) =>
        points.Select(p => (List<Assignment>)[.. p, search.At(x, origin)]).ToList();

    /// <summary>The keys read once for the whole experiment; <see cref="Duration"/> and <see cref="ModelFile"/> are null when they were missing or wrong.</summary>
    private sealed record Header(string Name, string? Description, ulong Seed, SimDuration? Duration, SimDuration Warmup, int Replications,
        OutputOptions Outputs, string? ModelFile, RunLimits Limits)
    {
        public HybridOptions? Hybrid { get; init; }
    }

    private static YamlNode? Find(IReadOnlyList<(string Key, YamlNode Value)> top, string key) => top.FirstOrDefault(e => e.Key == key).Value;

    private static Header ReadHeader(YamlReader r, string file, IReadOnlyList<(string Key, YamlNode Value)> top)
    {
        YamlNode? Get(string key) => Find(top, key);
        string name = Get("name") is { } n ? r.Scalar(n, "name") ?? "" : Path.GetFileNameWithoutExtension(file);
        if (PathName.Problem(name) is { } bad) r.ErrorAt("name", $"cannot name a results directory: {bad}");
        string? description = Get("description") is { } d ? r.Scalar(d, "description") : null;
        ulong seed = 1;
        if (Get("seed") is { } s && r.Scalar(s, "seed") is { } st)
        {
            if (!ulong.TryParse(st, NumberStyles.None, CultureInfo.InvariantCulture, out seed)) r.Error("seed", s, $"'{st}' is not a seed (a whole number, 0 or more)");
        }
        var duration = Get("duration") is { } du ? r.Duration(du, "duration") : null;
        if (Get("duration") is null) r.ErrorAt("duration", "an experiment needs a 'duration' (total simulated time per run, warm-up included: 10m)");
        var warmup = Get("warmup") is { } w ? Values.Duration(r, w, "warmup", allowZero: true) ?? SimDuration.Zero : SimDuration.FromSeconds(10);
        var hybrid = ReadFidelity(r, Get("fidelity"), Get("hybrid"));
        // Detailed runs simulate every second, so a week bounds them; hybrid runs skip the steady spans and may cover ten years.
        var longest = hybrid is null ? SimDuration.FromHours(24 * 7) : SimDuration.FromHours(24 * 3653);
        if (duration is { } dd && (dd <= SimDuration.Zero || dd > longest))
        {
            r.ErrorAt("duration", hybrid is null ? "must be more than zero and at most a week (fidelity: hybrid allows up to ten years)" : "must be more than zero and at most ten years");
            duration = null;
        }
        if (duration is { } d2 && warmup >= d2) r.ErrorAt("warmup", $"the warm-up ({warmup}) must end before the run does ({d2})");
        int replications = Get("replications") is { } rep ? Values.Int(r, rep, "replications", 1, 1000) ?? 1 : 1;
        var outputs = Get("outputs") is { } o ? Outputs(r, o) : new OutputOptions();
        string? modelPath = Get("model") is { } m ? r.Scalar(m, "model") : null;
        if (Get("model") is null) r.ErrorAt("model", "an experiment needs a 'model': the models/*.yaml file whose sites the architectures are built on");
        string? modelFile = modelPath is null ? null : ResolveModel(file, modelPath);
        if (modelPath is not null && modelFile is null) r.ErrorAt("model", $"no model file '{modelPath}' (looked beside the experiment and in the working directory)");
        if (Get("architectures") is null) r.ErrorAt("architectures", "an experiment needs 'architectures': one or more named option blocks, each a template");
        var limits = Get("limits") is { } l ? LimitKeys.Read(r, l) : RunLimits.Default;
        if (duration is { } d3) CheckTimeseries(r, outputs, d3, limits);
        return new Header(name, description, seed, duration, warmup, replications, outputs, modelFile, limits) { Hybrid = hybrid };
    }

    /// <summary>A run's time series holds duration / interval rows; past <c>limits.timeseries_samples</c> it is refused before any run.</summary>
    private static void CheckTimeseries(YamlReader r, OutputOptions outputs, SimDuration duration, RunLimits limits)
    {
        if (outputs.Timeseries == TimeseriesKeep.None) return;
        double samples = Math.Ceiling(duration.TotalSeconds / outputs.TimeseriesInterval.TotalSeconds);
        if (samples <= limits.TimeseriesSamples) return;
        r.ErrorAt("outputs.timeseries.interval", $"a {duration} run sampled every {outputs.TimeseriesInterval} has {samples:0} time-series rows, more than limits.timeseries_samples " +
                                                 $"({limits.TimeseriesSamples}): use a longer interval, 'timeseries: none', or raise it with --set limits.timeseries_samples=N");
    }

    /// <summary>Reports sweeps that cannot be run as written: swept keys read once per experiment, and more runs than <c>limits.runs</c>.</summary>
    private static void CheckSweep(YamlReader r, IReadOnlyList<string> sets, List<string> keys, int points, Header header, int probes)
    {
        foreach (var set in sets)
        {
            // A --set of a swept key would be overwritten at every point without a word.
            string setKey = set.Split('=', 2)[0].Trim();
            if (keys.Contains(setKey)) r.Error(setKey, new Location($"--set {set}", default), $"'{setKey}' is swept, so every point sets it; change the sweep instead (--set 'sweep.grid.{setKey}=[...]')");
        }
        foreach (var key in keys)
        {
            // These are read once for the whole experiment; a sweep over them would label points it never ran.
            var head = OncePerExperiment.FirstOrDefault(k => key == k || key.StartsWith(k + ".", StringComparison.Ordinal));
            if (head is not null)
                r.ErrorAt($"sweep", $"'{key}' cannot be swept: '{head}' is the same for every run of an experiment (write one experiment per value, or use --set)");
        }
        // A search runs at most max_probes probes of every point.
        long runs = (long)points * header.Replications * probes;
        if (runs > header.Limits.Runs)
            r.ErrorAt(points > 1 ? "sweep" : "replications", $"{points} points x {header.Replications} replications" + (probes > 1 ? $" x {probes} probes" : "") +
                                                             $" = {runs} runs, more than limits.runs ({header.Limits.Runs}): " +
                                                             "sweep fewer values, run fewer replications, or raise it with --set limits.runs=N");
        if (points == 0 && !r.HasErrors) r.ErrorAt("sweep", "the sweep has no points");
    }

    /// <summary>Writes each point's assignments into its own copy of the tree and binds it; problems go to <paramref name="diagnostics"/>.</summary>
    private static List<RunPoint> BindPoints(string file, YamlTree tree, YamlTree modelTree, string modelFile, List<List<Assignment>> assignments,
        Header header, List<Diagnostic> diagnostics)
    {
        var points = new List<RunPoint>();
        // The same mistake in every point shows once: at the first value of a sweep that causes it.
        var seen = new HashSet<(string, int, string, string)>();
        int repeated = 0;
        for (int i = 0; i < assignments.Count; i++)
        {
            var pointTree = tree.Clone(without: "sweep");
            var pr = YamlReader.ForTree(file, pointTree.Root, pointTree.Origins);
            foreach (var a in assignments[i])
            {
                var problem = pointTree.Set(a.Key, a.Value, a.Origin);
                if (problem is not null) pr.Error(a.Key, a.Origin, problem);
            }
            var point = pr.HasErrors ? null : Bind(pr, pointTree, modelTree.Clone(), modelFile, i, assignments[i], header);
            int before = diagnostics.Count;
            foreach (var diag in pr.Diagnostics)
            {
                if (seen.Add((diag.File, diag.Line, diag.Key, diag.Message))) diagnostics.Add(diag);
            }
            if (point is not null) points.Add(point);
            // One broken point usually breaks every point the same way; stop early on a large sweep, and once
            // several points in a row found only what earlier points did (each point costs a copy of the file).
            repeated = pr.HasErrors && diagnostics.Count == before ? repeated + 1 : 0;
            if (diagnostics.Count >= 50 || repeated >= 3) break;
        }
        return points;
    }

    /// <summary>Reads one point's tree into its architecture's deployment plan and fault plan.</summary>
    private static RunPoint? Bind(YamlReader r, YamlTree tree, YamlTree modelTree, string modelFile, int pointId, IReadOnlyList<Assignment> assignments, Header header)
    {
        var duration = header.Duration!.Value;
        var top = r.Mapping(tree.Root, "", TopKeys) ?? [];
        YamlNode? Get(string key) => top.FirstOrDefault(e => e.Key == key).Value;

        // Architectures: every block is read (so a typo in one not run this time is still found); the chosen one is built.
        var builders = new SortedDictionary<string, ArchitectureBlock?>(StringComparer.Ordinal);
        var blocks = Get("architectures") is { } archNode ? r.Mapping(archNode, "architectures") ?? [] : [];
        foreach (var (name, node) in blocks)
        {
            if (PathName.Problem(name) is { } bad) r.ErrorAt($"architectures.{PathName.Shown(name)}", $"cannot name an architecture: {bad}");
            builders[name] = ArchitectureSection.Read(r, name, node, $"architectures.{name}");
        }
        if (blocks.Count == 0 && Get("architectures") is not null) r.ErrorAt("architectures", "an experiment needs at least one architecture block");
        string? architecture = Get("architecture") is { } chosen ? r.Scalar(chosen, "architecture") : blocks.Count == 1 ? blocks[0].Key : null;
        if (architecture is null && Get("architecture") is null && blocks.Count > 1)
            r.ErrorAt("architecture", $"with several architectures, say which to run: 'architecture: NAME' or sweep over 'architecture' ({string.Join(", ", builders.Keys)})");
        else if (architecture is not null && !builders.ContainsKey(architecture))
            r.ErrorAt("architecture", $"no architecture block named '{architecture}'", Sim.Experiments.Text.NameSuggester.Hint(architecture, builders.Keys) + $"; blocks: {string.Join(", ", builders.Keys)}");

        var topics = Get("topics") is { } t ? WorkloadSection.Topics(r, t) : [];
        if (topics.Count == 0) r.ErrorAt("topics", "an experiment needs 'topics' for its producers to write");
        var (producers, consumers) = Get("workload") is { } wl ? WorkloadSection.Workload(r, wl, topics, header.Limits) : ([], []);
        var declared = Get("faults") is { } f ? FaultSection.Read(r, f) : FaultDeclarations.None;
        topics = TopicTimeline.Check(r, topics, declared);
        FaultSection.CheckWindows(r, declared, duration, header.Limits);
        foreach (var fault in declared.Scheduled)
        {
            if (fault.At >= SimTime.Zero + duration) r.ErrorAt($"{fault.Key}.at", $"the fault starts at {fault.At - SimTime.Zero}, after the run ends ({duration})");
        }

        // The experiment's network.links write over the model's links, field by field.
        if (Get("network") is { } net)
        {
            foreach (var (k, v) in r.Mapping(net, "network", NetworkKeys) ?? [])
                MergeLinks(r, modelTree, v, $"network.{k}", tree);
        }
        var mr = YamlReader.ForTree(modelFile, modelTree.Root, modelTree.Origins);
        var model = ModelLoader.Read(mr, modelTree.Root, modelFile);
        foreach (var diag in mr.Diagnostics)
        {
            // A problem with a link the experiment wrote is named by the experiment's key for it.
            string key = diag.Key.Length == 0 ? "model" : diag.File != modelFile && diag.Key.StartsWith("links.", StringComparison.Ordinal) ? "network." + diag.Key : diag.Key;
            r.Error(key, new Location(diag.File, diag.Line == 0 ? default : new Mark(0, diag.Line, diag.Column)), diag.Message, diag.Hint);
        }
        if (r.HasErrors || model is null || architecture is null || builders[architecture] is not { } block) return null;

        CheckMinIsr(r, topics, block, architecture);
        if (r.HasErrors) return null;
        if (BuildPlan(r, block, architecture, model, new WorkloadSpec(topics, producers, consumers)) is not { } plan) return null;
        var faults = FaultSection.Bind(r, declared, plan);
        // A fault that waits for a condition starts at a time not known in advance, so windows cannot move around it.
        if (header.Hybrid?.Settle is not null && faults.Scheduled.FirstOrDefault(x => x.When is not null) is { } waiting)
            r.ErrorAt("hybrid.settle", $"closes windows early, which moves every later fault on the detailed clock; {waiting.Key} waits for a condition ('when'), so its start cannot move: leave settle out");
        if (r.HasErrors) return null;
        var parameters = assignments.Select(a => new Parameter(a.Key, a.Text)).ToList();
        return new RunPoint(pointId, architecture, parameters, plan, faults);
    }

    /// <summary>A topic whose min.insync.replicas is above its replication factor could never take an acks=all write.</summary>
    private static void CheckMinIsr(YamlReader r, IReadOnlyList<TopicConfig> topics, ArchitectureBlock block, string architecture)
    {
        foreach (var topic in topics)
        {
            int minIsr = topic.MinInSyncReplicas ?? block.Server.Broker.MinInSyncReplicas;
            if (minIsr <= topic.ReplicationFactor) continue;
            string key = topic.MinInSyncReplicas is null ? $"architectures.{architecture}.broker.min.insync.replicas" : $"topics.{topic.Name}.min.insync.replicas";
            r.ErrorAt(key, $"min.insync.replicas {minIsr} is above topic '{topic.Name}''s replication.factor {topic.ReplicationFactor}: no acks=all write could ever succeed");
        }
    }

    /// <summary>The chosen block's plan for the model and workload, with the network its template assembled checked; null after reporting.</summary>
    private static DeploymentPlan? BuildPlan(YamlReader r, ArchitectureBlock block, string architecture, ModelDefinition model, WorkloadSpec workload)
    {
        DeploymentPlan plan;
        try
        {
            plan = block.Build(model, workload) with { Architecture = architecture };
        }
        catch (ArgumentException e)
        {
            r.ErrorAt($"architectures.{architecture}", e.Message);
            return null;
        }
        // The template reassembles the network (the model's nodes and its own), so what it built is checked as
        // the model was: a problem that would stop the run is reported here, by validate as by run.
        foreach (var error in Sim.Network.NetworkOptionsValidator.Validate(plan.Model.Network))
            r.ErrorAt($"architectures.{architecture}", $"{error.Key}: {error.Message}", YamlReader.HintOf(error));
        ReplicaAssignment.CheckBrokers(r, plan);
        PlacementConstraintsReader.CheckRacks(r, plan);
        CheckVipZone(r, plan, architecture);
        CheckCheckerRegions(r, plan, architecture);
        return r.HasErrors ? null : plan;
    }

    /// <summary>A floating VIP starts in <c>vip.zone</c>, which must hold a broker of every cluster the applications bootstrap through it.</summary>
    private static void CheckVipZone(YamlReader r, DeploymentPlan plan, string architecture)
    {
        if (plan.Access is not { Kind: Sim.Kafka.Access.AccessKind.Vip, VipZone: { } zone }) return;
        var zoneOfRack = plan.Model.Network.Topology.Regions.SelectMany(g => g.Zones).SelectMany(z => z.Racks.Select(rack => (rack, z.Name))).ToDictionary(p => p.rack, p => p.Name);
        foreach (var layout in plan.Model.Clusters.Where(c => plan.Apps.Any(a => a.Cluster == c.Name)))
        {
            var zones = layout.Brokers.Select(b => zoneOfRack.GetValueOrDefault(b.Rack, b.Rack)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!zones.Contains(zone))
                r.ErrorAt($"architectures.{architecture}.access.vip.zone", $"zone '{zone}' holds no broker of cluster '{layout.Name}' (its brokers are in: {string.Join(", ", zones)})",
                    Sim.Experiments.Text.NameSuggester.Hint(zone, zones));
        }
    }

    /// <summary>Route 53's checkers (<c>health.check.regions</c>) run in regions or zones of the model.</summary>
    private static void CheckCheckerRegions(YamlReader r, DeploymentPlan plan, string architecture)
    {
        if (plan.Access?.HealthCheckRegions is not { } names) return;
        var regions = plan.Model.Network.Topology.Regions;
        var known = regions.Select(g => g.Name).Concat(regions.SelectMany(g => g.Zones).Select(z => z.Name)).Distinct().ToList();
        foreach (var name in names.Where(n => !known.Contains(n)))
            r.ErrorAt($"architectures.{architecture}.access.health.check.regions", $"'{name}' is neither a region nor a zone of the model",
                Sim.Experiments.Text.NameSuggester.Hint(name, known));
    }

    private static void MergeLinks(YamlReader r, YamlTree modelTree, YamlNode links, string path, YamlTree experiment)
    {
        foreach (var (link, fields) in r.Mapping(links, path) ?? [])
        {
            if (fields is not YamlMappingNode map) { r.Error($"{path}.{link}", fields, "a link is a mapping of rtt, jitter, loss, bandwidth and preset"); continue; }
            foreach (var (k, v) in map.Children)
            {
                var problem = modelTree.Set($"links.{link}.{((YamlScalarNode)k).Value}", v, experiment.Origins[v]);
                if (problem is not null) r.Error($"{path}.{link}", v, problem);
            }
        }
    }

    /// <summary>Writes <c>key=value</c> into the tree; the value is YAML (<c>20ms</c>, <c>[a, b]</c>, <c>{rtt: 2ms}</c>).</summary>
    private static void ApplySet(YamlTree tree, string set, List<Diagnostic> diagnostics, YamlLimits limits)
    {
        string where = $"--set {set}";
        int eq = set.IndexOf('=');
        if (eq <= 0)
        {
            diagnostics.Add(new Diagnostic(where, 0, 0, "", "expected --set KEY=VALUE (for example --set topics.orders.min.insync.replicas=2)"));
            return;
        }
        string key = set[..eq].Trim();
        var value = YamlTree.ParseValue(set[(eq + 1)..], out var refused, limits);
        var problem = refused ?? tree.Set(key, value, new Location(where, default));
        if (problem is not null) diagnostics.Add(new Diagnostic(where, 0, 0, key, problem));
    }

    /// <summary>A model path as written: beside the experiment, one or two levels up (experiments/ next to models/), then from the working directory.</summary>
    private static string? ResolveModel(string experimentFile, string model)
    {
        string dir = Path.GetDirectoryName(experimentFile) ?? "";
        string[] candidates = [Path.Combine(dir, model), Path.Combine(dir, "..", model), Path.Combine(dir, "..", "..", model), model];
        foreach (var c in candidates)
        {
            if (System.IO.File.Exists(c)) return Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(c));
        }
        return null;
    }

    private static string Hash(string experiment, string model, IReadOnlyList<string> sets)
    {
        // Limits say what may run, not what a run does: raising one keeps the runs already stored usable by --resume.
        var text = experiment + "\n--model--\n" + model + "\n--set--\n" + string.Join("\n", sets.Where(x => !x.StartsWith("limits.", StringComparison.Ordinal)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
