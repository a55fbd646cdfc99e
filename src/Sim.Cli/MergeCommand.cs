using System.CommandLine;
using Sim.Experiments.Running;
using Sim.Results;

namespace Sim.Cli;

/// <summary>
/// <c>sim merge DIR... --out DIR</c>: joins the outputs of shards (<c>sim run --shard K/N</c>) into one
/// output, written by the same code from the same runs as a single-machine run, so its tables are
/// byte-identical to one. Directories from different experiments are refused.
/// </summary>
public static class MergeCommand
{
    public static Command Build()
    {
        var dirs = new Argument<DirectoryInfo[]>("directories") { Description = "Output directories of shards of one experiment", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the merged results to", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only problems" };
        var cmd = new Command("merge", "Join shard outputs into the results of the whole experiment") { dirs, output, quiet };
        cmd.SetAction(r => Execute(r, r.GetValue(dirs)!, r.GetValue(output)!, r.GetValue(quiet)));
        return cmd;
    }

    private static int Execute(ParseResult parse, DirectoryInfo[] dirs, DirectoryInfo output, bool quiet)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        ExperimentInfo? info = null;
        var runs = new SortedDictionary<int, RunRecord>();
        try
        {
            foreach (var dir in dirs)
            {
                var i = ExperimentInfo.Read(dir.FullName);
                if (info is not null && i.Hash != info.Hash)
                {
                    stderr.WriteLine($"sim merge: {dir} holds runs of a different experiment (hash {i.Hash[..12]}, not {info.Hash[..12]}); merge only shards of one experiment");
                    return ExitCodes.InvalidInput;
                }
                info ??= i;
                foreach (var (hash, run) in new RunStore(dir.FullName).LoadAll())
                {
                    if (hash != info.Hash)
                    {
                        stderr.WriteLine($"sim merge: {dir}: run {run.RunId} belongs to a different experiment; remove it or rerun that shard");
                        return ExitCodes.InvalidInput;
                    }
                    if (runs.TryGetValue(run.RunId, out var seen) && seen.Fingerprint != run.Fingerprint)
                    {
                        stderr.WriteLine($"sim merge: run {run.RunId} appears twice with different trajectories; the shards were not run by the same simulator");
                        return ExitCodes.InvalidInput;
                    }
                    runs[run.RunId] = run;
                }
            }
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"sim merge: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var store = new RunStore(output.FullName);
        store.Clear();
        foreach (var run in runs.Values) store.Save(info!.Hash, run);
        var manifest = OutputFinalizer.Manifest(info!);
        manifest["merged_from"] = new System.Text.Json.Nodes.JsonArray(dirs.Select(d => (System.Text.Json.Nodes.JsonNode)d.ToString()).ToArray());
        var results = OutputFinalizer.Finalize(info!, runs.Values.ToList(), output.FullName, manifest);
        if (info!.Search is null && runs.Count < info.TotalRuns)
            stderr.WriteLine($"sim merge: only {runs.Count} of {info.TotalRuns} runs were found; the summary covers those (are shards missing?)");
        if (!quiet)
        {
            stdout.WriteLine($"{runs.Count} runs from {dirs.Length} directories; report: {Path.Combine(output.FullName, "report.md")}");
            RunCommand.PrintSummary(results, stdout);
        }
        return ExitCodes.Ok;
    }
}
