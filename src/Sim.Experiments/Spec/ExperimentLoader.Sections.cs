using Sim.Architectures.Runtime;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;
namespace Sim.Experiments.Spec;

/// <summary>The experiment file's fidelity and outputs sections.</summary>
public static partial class ExperimentLoader
{
    internal static readonly string[] HybridKeys = ["before", "after", "settle"];

    /// <summary>
    /// <c>fidelity: detailed | hybrid</c> and the hybrid windows (<c>hybrid: {before: 10s, after: 60s, settle: 10s}</c>); null for detailed.
    /// </summary>
    private static HybridOptions? ReadFidelity(YamlReader r, YamlNode? fidelity, YamlNode? hybrid)
    {
        string mode = fidelity is null ? "detailed" : r.Scalar(fidelity, "fidelity") ?? "detailed";
        if (mode != "detailed" && mode != "hybrid") { r.Error("fidelity", fidelity!, $"'{mode}' is not a fidelity: detailed or hybrid"); return null; }
        // A detailed run ignores the hybrid windows, so --set fidelity=detailed reruns a hybrid experiment in full.
        if (mode == "detailed") return null;
        var o = HybridOptions.Default;
        if (hybrid is null) return o;
        foreach (var (key, value) in r.Mapping(hybrid, "hybrid", HybridKeys) ?? [])
        {
            var d = Values.Duration(r, value, "hybrid." + key, allowZero: false);
            if (d is null) continue;
            o = key switch
            {
                "before" => o with { Before = d.Value },
                "after" => o with { After = d.Value },
                _ => o with { Settle = d.Value },
            };
        }
        return o;
    }

    private static OutputOptions Outputs(YamlReader r, YamlNode node)
    {
        var o = new OutputOptions();
        foreach (var (k, v) in r.Mapping(node, "outputs", OutputKeys) ?? [])
        {
            string key = $"outputs.{k}";
            switch (k)
            {
                case "timeseries":
                    if (v is YamlSequenceNode)
                    {
                        var ids = (r.Sequence(v, key) ?? []).Select((x, i) => Values.Int(r, x, $"{key}.{i}", 0)).OfType<int>().ToList();
                        o = o with { Timeseries = TimeseriesKeep.Listed, TimeseriesRuns = ids };
                    }
                    else
                    {
                        var which = Values.Choice(r, v, key, "none", "first-replication", "all");
                        o = o with { Timeseries = which switch { "none" => TimeseriesKeep.None, "all" => TimeseriesKeep.All, _ => TimeseriesKeep.FirstReplication } };
                    }
                    break;
                case "timeseries.interval":
                    o = o with { TimeseriesInterval = Values.Duration(r, v, key) ?? o.TimeseriesInterval };
                    break;
                case "timeline":
                    if (r.Scalar(v, key) is not "auto") o = o with { Timeline = Values.Int(r, v, key, 0) };
                    break;
                case "prices":
                    o = o with { Prices = PriceSection.Read(r, v, key, o.Prices) };
                    break;
                case "trace":
                    o = TraceRuns(r, v, key, o);
                    break;
            }
        }
        return o;
    }

    // outputs.trace: none | all | a list of run ids.
    private static OutputOptions TraceRuns(YamlReader r, YamlNode v, string key, OutputOptions o)
    {
        if (v is YamlSequenceNode)
        {
            var ids = (r.Sequence(v, key) ?? []).Select((x, i) => Values.Int(r, x, $"{key}.{i}", 0)).OfType<int>().ToList();
            return o with { TraceRuns = ids, TraceAll = false };
        }
        var which = Values.Choice(r, v, key, "none", "all");
        return o with { TraceRuns = [], TraceAll = which == "all" };
    }
}
