using System.CommandLine;
using System.Globalization;
using Sim.Core.Time;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Plotting;
using Sim.Experiments.Text;

namespace Sim.Cli;

/// <summary>
/// <c>sim trace FILE --run ID</c>: replays one run and tells what happened and why, one sentence per line
/// with the time (or JSON lines with <c>--format jsonl</c>), filtered by partition, broker, client and
/// kind; every acknowledged range that was lost comes with its explanation chain. Unless told not to, it
/// draws the partitions' timeline and a space-time diagram of the messages around a chosen moment.
/// Every invariant is checked; a violation ends the trace there, with the chain of events that led to it.
/// </summary>
public static class TraceCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "An experiment file" };
        var run = new Option<int?>("--run") { Description = "The run id to trace (needed when the experiment has more than one run)" };
        var set = new Option<string[]>("--set") { Description = "Override a key of the experiment, as for 'sim run' (repeatable)", AllowMultipleArgumentsPerToken = false };
        var partition = new Option<string[]>("--partition", "-p") { Description = "Only lines about this partition (orders-0); repeatable", AllowMultipleArgumentsPerToken = false };
        var broker = new Option<int[]>("--broker", "-b") { Description = "Only lines about this broker or controller id; repeatable", AllowMultipleArgumentsPerToken = false };
        var client = new Option<int[]>("--client", "-c") { Description = "Only lines about this client id; repeatable", AllowMultipleArgumentsPerToken = false };
        var kind = new Option<string?>("--kind", "-k") { Description = "Only these kinds, comma-separated: " + string.Join(",", TraceFilter.KnownKinds) };
        var format = new Option<string>("--format") { Description = "text (default) or jsonl", DefaultValueFactory = _ => "text" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where the pictures go (default: results/NAME/trace-RUN)" };
        var noPlots = new Option<bool>("--no-plots") { Description = "Draw no pictures" };
        var at = new Option<string?>("--at") { Description = "Start of the space-time diagram's window, as simulated time (20s, 1500ms); default: just before the first fault" };
        var window = new Option<string>("--window") { Description = "Length of the space-time diagram's window", DefaultValueFactory = _ => "60ms" };
        var cmd = new Command("trace", "Tell what one run did and why, in plain sentences; draw its timeline and messages")
        {
            file, run, set, partition, broker, client, kind, format, output, noPlots, at, window,
        };
        cmd.SetAction(r => Execute(r, r.GetValue(file)!, r.GetValue(run), r.GetValue(set) ?? [], new TraceFilter
        {
            Partitions = r.GetValue(partition) ?? [],
            Brokers = r.GetValue(broker) ?? [],
            Clients = r.GetValue(client) ?? [],
            Kinds = (r.GetValue(kind) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }, r.GetValue(format)!, r.GetValue(output), r.GetValue(noPlots), r.GetValue(at), r.GetValue(window)!));
        return cmd;
    }

    private static int Execute(ParseResult parse, FileInfo file, int? runId, string[] sets, TraceFilter filter, string format, DirectoryInfo? outDir,
        bool noPlots, string? atText, string windowText)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        if (format is not ("text" or "jsonl")) { stderr.WriteLine($"sim trace: --format is text or jsonl, not '{format}'"); return ExitCodes.Usage; }
        var unknown = filter.Kinds.Where(k => !TraceFilter.KnownKinds.Contains(k)).ToList();
        if (unknown.Count > 0) { stderr.WriteLine($"sim trace: unknown kind '{unknown[0]}' (kinds: {string.Join(", ", TraceFilter.KnownKinds)})"); return ExitCodes.Usage; }
        SimTime? at = null;
        if (atText is not null)
        {
            if (!DurationText.TryParse(atText, out var a, out var error)) { stderr.WriteLine($"sim trace: --at: {error}"); return ExitCodes.Usage; }
            at = SimTime.Zero + a;
        }
        if (!DurationText.TryParse(windowText, out var window, out var werror) || window <= SimDuration.Zero)
        {
            stderr.WriteLine($"sim trace: --window: {(werror.Length > 0 ? werror : "must be longer than zero")}");
            return ExitCodes.Usage;
        }

        if (ExperimentInput.Load(shown, sets, stderr) is not { } loaded) return ExitCodes.InvalidInput;
        var experiment = loaded;
        if (runId is null && experiment.TotalRuns > 1)
        {
            stderr.WriteLine($"sim trace: {shown} has {experiment.TotalRuns} runs; pick one with --run 0..{experiment.TotalRuns - 1}");
            return ExitCodes.Usage;
        }
        int id = runId ?? 0;
        if (id < 0 || id >= experiment.TotalRuns) { stderr.WriteLine($"sim trace: --run must be between 0 and {experiment.TotalRuns - 1}"); return ExitCodes.Usage; }

        TracedRun traced;
        try
        {
            traced = TracedRun.Play(experiment, id, new TraceOptions { MessagesAt = at, MessageWindow = window }, checkInvariants: true, keepViolation: true);
        }
        catch (RunBudgetExceededException b)
        {
            stderr.WriteLine($"sim trace: run {id} failed: {b.Message}");
            return ExitCodes.RunFailed;
        }
        var trace = traced.Trace;
        var spec = traced.Spec;
        if (format == "jsonl") TraceText.WriteJsonLines(stdout, trace, filter);
        else
        {
            string point = spec.Point.Parameters.Count == 0 ? "" : ", " + string.Join(", ", spec.Point.Parameters.Select(p => $"{p.Key}={p.Value}"));
            TraceText.WriteText(stdout, trace, filter,
                $"trace of {experiment.Name} run {id} ({spec.Point.Architecture}{point}; seed {spec.Seed}), {trace.DurationS.ToString("0.###", CultureInfo.InvariantCulture)} s simulated");
            var r = traced.Result;
            stdout.WriteLine($"in all: {r.RecordsAcked} records acknowledged, {r.AckedRecordsLost} of them lost; {r.RecordsFailed} failed; " +
                             $"{r.LeaderElections} leader elections, {r.IsrShrinks} ISR shrinks");
        }
        if (!noPlots)
        {
            string dir = outDir?.FullName ?? Path.Combine("results", experiment.Name, $"trace-{id}");
            Directory.CreateDirectory(dir);
            var partitions = filter.Partitions.Count > 0 ? filter.Partitions : null;
            PartitionTimelineChart.Draw(trace, Path.Combine(dir, "timeline.png"), partitions);
            SpaceTimeChart.Draw(trace, Path.Combine(dir, "messages.png"));
            (format == "text" ? stdout : stderr).WriteLine($"pictures: {Path.Combine(dir, "timeline.png")}, {Path.Combine(dir, "messages.png")}");
        }
        if (traced.Violation is { } v)
        {
            stderr.WriteLine(v.Report);
            return ExitCodes.RunFailed;
        }
        return ExitCodes.Ok;
    }
}
