using System.CommandLine;
using Sim.Experiments.Running;
using Sim.Results;

namespace Sim.Cli;

/// <summary>
/// <c>sim merge DIR... --out DIR</c>: joins the outputs of shards (<c>sim run --shard K/N</c>) into one
/// output, written by the same code from the same runs as a single-machine run, so its tables are
/// byte-identical to one. Directories from different experiments are refused, and so is an <c>--out</c>
/// that is, holds or lies inside an input. The output is written as an <see cref="OutputTransaction"/>.
/// </summary>
public static class MergeCommand
{
    public static Command Build(CancellationToken interrupt = default)
    {
        var dirs = new Argument<DirectoryInfo[]>("directories") { Description = "Output directories of shards of one experiment", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the merged results to", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only problems" };
        var cmd = new Command("merge", "Join shard outputs into the results of the whole experiment") { dirs, output, quiet };
        cmd.SetAction(r => Execute(r, r.GetValue(dirs)!, r.GetValue(output)!, r.GetValue(quiet), interrupt));
        return cmd;
    }

    private static int Execute(ParseResult parse, DirectoryInfo[] dirs, DirectoryInfo output, bool quiet, CancellationToken interrupt)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        if (OverlapsAnInput(dirs, output, stderr)) return ExitCodes.Usage;
        if (ReadShards(dirs, stderr) is not var (info, runs)) return ExitCodes.InvalidInput;
        using var interruption = new Interruption(interrupt);
        ExperimentResults results;
        try
        {
            using var transaction = OutputTransaction.Begin(output.FullName, notice => stderr.WriteLine($"sim merge: {notice}"));
            var store = new RunStore(transaction.StartFresh());
            foreach (var run in runs.Values) store.Save(info.Hash, run);
            var manifest = OutputFinalizer.Manifest(info);
            manifest["merged_from"] = new System.Text.Json.Nodes.JsonArray(dirs.Select(d => (System.Text.Json.Nodes.JsonNode)d.ToString()).ToArray());
            results = OutputFinalizer.Finalize(info, runs.Values.ToList(), transaction.Staging, manifest, interruption.Token);
            transaction.Commit();
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            stderr.WriteLine($"sim merge: interrupted while writing the results; {output} is as it was");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (OutputFailures.Handles(e))
        {
            return OutputFailures.Report("sim merge", e, stderr);
        }
        if (info.Search is null && runs.Count < info.TotalRuns)
            stderr.WriteLine($"sim merge: only {runs.Count} of {info.TotalRuns} runs were found; the summary covers those (are shards missing?)");
        if (!quiet)
        {
            stdout.WriteLine($"{runs.Count} runs from {dirs.Length} directories; report: {Path.Combine(output.FullName, "report.md")}");
            RunCommand.PrintSummary(results, stdout);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Replacing --out would delete an input it is or holds; writing inside an input would change that input. True (after saying so) for either.</summary>
    private static bool OverlapsAnInput(DirectoryInfo[] dirs, DirectoryInfo output, TextWriter stderr)
    {
        foreach (var dir in dirs)
        {
            bool same = OutputTransaction.Contains(dir.FullName, output.FullName) && OutputTransaction.Contains(output.FullName, dir.FullName);
            if (same || OutputTransaction.Contains(dir.FullName, output.FullName) || OutputTransaction.Contains(output.FullName, dir.FullName))
            {
                stderr.WriteLine($"sim merge: --out {output} is {(same ? "" : "inside or holds ")}the input {dir}; merge into a directory of its own");
                return true;
            }
        }
        return false;
    }

    /// <summary>The experiment and the runs of the shard directories, checked to belong together; null after saying why they do not.</summary>
    private static (ExperimentInfo, SortedDictionary<int, RunRecord>)? ReadShards(DirectoryInfo[] dirs, TextWriter stderr)
    {
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
                    return null;
                }
                info ??= i;
                foreach (var (hash, run) in new RunStore(dir.FullName).LoadAll())
                {
                    if (hash != info.Hash)
                    {
                        stderr.WriteLine($"sim merge: {dir}: run {run.RunId} belongs to a different experiment; remove it or rerun that shard");
                        return null;
                    }
                    if (runs.TryGetValue(run.RunId, out var seen) && seen.Fingerprint != run.Fingerprint)
                    {
                        stderr.WriteLine($"sim merge: run {run.RunId} appears twice with different trajectories; the shards were not run by the same simulator");
                        return null;
                    }
                    runs[run.RunId] = run;
                }
            }
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"sim merge: {e.Message}");
            return null;
        }
        return (info!, runs);
    }
}
