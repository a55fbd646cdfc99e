using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Experiments.Checking;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;

namespace Sim.Cli;

/// <summary>
/// <c>sim check FILE --runs N</c>: hunts for fault schedules under which the experiment's configuration
/// loses acknowledged records or breaks an invariant, shrinks what it finds, and prints each shrunk
/// schedule as a fault plan to paste into the experiment; with <c>--out DIR</c> it keeps each as a runnable experiment,
/// a replay script and its trace (<see cref="CheckArtifacts"/>). Exits 0 when every run passed, 4 when some failed.
/// </summary>
public static class CheckCommand
{
    public const int FoundFailures = 4;

    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "An experiment file (its configuration is checked; its own faults are replaced)" };
        var runs = new Option<int>("--runs", "-n") { Description = "How many random fault schedules to try", DefaultValueFactory = _ => 100 };
        var set = new Option<string[]>("--set") { Description = "Override a key of the experiment, as for 'sim run' (repeatable)", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed of the search (default: the experiment's seed)" };
        var maxFaults = new Option<int>("--max-faults") { Description = "The most faults one schedule draws", DefaultValueFactory = _ => 4 };
        var point = new Option<int>("--point") { Description = "Which sweep point's configuration to check", DefaultValueFactory = _ => 0 };
        var powerLoss = new Option<bool>("--power-loss") { Description = "Let crashes lose the page cache and zones go dark (loses unflushed data even with acks=all, as Kafka can)" };
        var shrink = new Option<int>("--shrink") { Description = "How many failing runs to shrink", DefaultValueFactory = _ => 3 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Runs in parallel (default: all cores); results do not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Keep each shrunk failure in DIR/failure-N: a runnable experiment.yaml, replay.sh, failure.txt and its trace" };
        var cmd = new Command("check", "Search random fault schedules for lost acknowledged records and broken invariants")
        {
            file, runs, set, seed, maxFaults, point, powerLoss, shrink, jobs, quiet, output,
        };
        cmd.SetAction(r => Execute(r, r.GetValue(file)!, r.GetValue(set) ?? [], new CheckOptions(r.GetValue(runs))
        {
            Seed = r.GetValue(seed), MaxFaults = r.GetValue(maxFaults), Point = r.GetValue(point), PowerLoss = r.GetValue(powerLoss),
            Shrink = r.GetValue(shrink), Jobs = r.GetValue(jobs),
        }, r.GetValue(quiet), r.GetValue(output)));
        return cmd;
    }

    private static int Execute(ParseResult parse, FileInfo file, string[] sets, CheckOptions options, bool quiet, DirectoryInfo? output)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        if (options.Runs < 1 || options.MaxFaults < 1 || options.MaxFaults > 1000 || options.Jobs < 1 || options.Shrink < 0)
        {
            stderr.WriteLine("sim check: --runs and --jobs must be 1 or more, --max-faults from 1 to 1000, --shrink 0 or more");
            return ExitCodes.Usage;
        }
        if (ExperimentInput.Load(shown, sets, stderr) is not { } loaded) return ExitCodes.InvalidInput;
        var experiment = loaded;
        if (options.Point < 0 || options.Point >= experiment.Points.Count)
        {
            stderr.WriteLine($"sim check: --point must be between 0 and {experiment.Points.Count - 1}, not {options.Point}");
            return ExitCodes.Usage;
        }
        if (options.Runs > experiment.Limits.Runs)
        {
            stderr.WriteLine($"sim check: --runs {options.Runs} is more than limits.runs ({experiment.Limits.Runs}): try fewer, or raise it with --set limits.runs=N");
            return ExitCodes.Usage;
        }
        var point = experiment.Points[options.Point];
        string config = point.Parameters.Count == 0 ? "" : " (" + string.Join(", ", point.Parameters.Select(p => $"{p.Key}={p.Value}")) + ")";
        stdout.WriteLine($"sim check {shown}: {options.Runs} runs of {point.Architecture}{config}, up to {options.MaxFaults} faults each" +
                         $"{(options.PowerLoss ? ", power loss allowed" : "")}, master seed {options.Seed ?? experiment.Seed}");
        var clock = Stopwatch.StartNew();
        bool showProgress = !quiet && !Console.IsErrorRedirected;
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        CheckReport report;
        try
        {
            report = Checker.Run(experiment, options, done =>
            {
                if (showProgress) stderr.Write($"\r  {done}/{options.Runs} runs, {clock.Elapsed.TotalSeconds:0}s ");
            }, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("\nsim check: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (BudgetOf(e) is { } b)
        {
            // Runs play in parallel, so a run over its budget may arrive wrapped.
            stderr.WriteLine($"\nsim check: a run failed: {b.Message}");
            return ExitCodes.RunFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (showProgress) stderr.WriteLine();
        }
        Print(stdout, shown, options, report, clock.Elapsed);
        if (output is not null && report.Shrunk.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine($"kept in {Path.GetRelativePath(Directory.GetCurrentDirectory(), output.FullName)}/:");
            CheckArtifacts.Write(output, shown, experiment, sets, options, report, stdout);
        }
        return report.Failures.Count == 0 ? ExitCodes.Ok : FoundFailures;
    }

    private static RunBudgetExceededException? BudgetOf(Exception e) =>
        e as RunBudgetExceededException ?? (e as AggregateException)?.Flatten().InnerExceptions.OfType<RunBudgetExceededException>().FirstOrDefault();

    private static void Print(TextWriter o, string file, CheckOptions options, CheckReport report, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        int lost = report.Failures.Count(f => f.Verdict.Kind == "lost");
        o.WriteLine($"{report.Runs} runs in {elapsed.TotalSeconds.ToString("0.0", inv)} s: {report.Failures.Count} failed " +
                    $"({lost} lost acknowledged records, {report.Failures.Count - lost} broke an invariant)");
        if (report.Failures.Count == 0)
        {
            o.WriteLine("no schedule lost an acknowledged record or broke an invariant");
            return;
        }
        o.WriteLine();
        o.WriteLine("failing runs (run, seed, faults drawn, what happened):");
        foreach (var f in report.Failures)
            o.WriteLine($"  run {f.Run,4}  seed {f.Seed,20}  {f.Schedule.Count} fault{(f.Schedule.Count == 1 ? "" : "s")}  {f.Verdict.Summary}");
        foreach (var s in report.Shrunk)
        {
            o.WriteLine();
            o.WriteLine($"run {s.Original.Run} shrunk from {s.Original.Schedule.Count} to {s.Schedule.Count} fault{(s.Schedule.Count == 1 ? "" : "s")} " +
                        $"in {s.RunsSpent} runs; it still fails: {s.Verdict.Summary}");
            if (s.Verdict.Explanation.Count > 0)
            {
                o.WriteLine(s.Verdict.Kind == "lost" ? "  why:" : "  chain of events that led to it:");
                foreach (var step in s.Verdict.Explanation) o.WriteLine("    - " + step);
            }
            o.WriteLine($"  to replay it, paste into {file} (replacing its seed and faults) and run 'sim run {file} --set replications=1'" +
                        (options.Point > 0 ? $" (sweep point {options.Point})" : "") + ":");
            o.WriteLine($"    seed: {s.Original.Seed}");
            o.WriteLine(FaultPlanText.Format(s.Schedule, "    "));
        }
    }
}
