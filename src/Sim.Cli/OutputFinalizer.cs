using System.Text.Encodings.Web;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sim.Experiments.Running;
using Sim.Plotting;
using Sim.Results;

namespace Sim.Cli;

/// <summary>
/// Writes everything an output directory holds beyond its stored runs: the tables, the plots, the
/// report and, last, the manifest. Used by <c>sim run</c> and <c>sim merge</c>, so a merged directory is
/// written by the same code from the same runs as a single-machine one.
/// </summary>
public static class OutputFinalizer
{
    /// <summary>
    /// Writes the files into <paramref name="directory"/> (a transaction's staging directory), stopping
    /// between files when <paramref name="interrupt"/> fires: the directory is then unfinished and is not
    /// moved into place. Up to <paramref name="jobs"/> threads (0 for one per core) write the tables, draw the charts
    /// and build the page's interactive parts side by side; every file is the same at any count.
    /// </summary>
    public static ExperimentResults Finalize(ExperimentInfo info, IReadOnlyList<RunRecord> runs, string directory, JsonObject manifest, CancellationToken interrupt = default,
        int jobs = 0)
    {
        var timings = PhaseTimings.Current;
        var results = ResultsAssembler.Assemble(info, runs);
        timings?.Mark("assemble");
        AtomicFile.WriteAllText(Path.Combine(directory, ExperimentInfo.FileName), info.ToJson());
        interrupt.ThrowIfCancellationRequested();
        var plotsDir = Path.Combine(directory, "plots");
        if (Directory.Exists(plotsDir)) Directory.Delete(plotsDir, recursive: true);
        IReadOnlyList<PlotFile> plots = [];
        HtmlSections sections = null!;
        Together(jobs,
            () => plots = PlotSet.Draw(results, plotsDir, jobs),
            () => ResultsWriter.WriteTables(results, directory),
            () => sections = HtmlReport.Sections(results));
        timings?.Mark("tables-plots");
        interrupt.ThrowIfCancellationRequested();
        var report = ReportWriter.Write(results, plots);
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), report);
        AtomicFile.WriteAllText(Path.Combine(directory, HtmlReport.FileName), HtmlReport.Write(report, results.Name, directory, sections));
        timings?.Mark("report");
        manifest["runs_in_output"] = runs.Count;
        manifest["events"] = runs.Sum(r => r.Events);
        AtomicFile.WriteAllText(Path.Combine(directory, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        timings?.Mark("manifest");
        interrupt.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>Runs independent steps on up to <paramref name="jobs"/> threads and returns once all have ended, rethrowing the first failure as itself.</summary>
    private static void Together(int jobs, params Action[] steps)
    {
        try
        {
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount }, steps);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller handles an IOException or a cancellation as it would from a serial write.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The parts of the manifest every output shares: tool, version, commit and the experiment's identity.</summary>
    public static JsonObject Manifest(ExperimentInfo info)
    {
        var version = typeof(OutputFinalizer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return new JsonObject
        {
            ["tool"] = "sim",
            ["version"] = version,
            ["git_commit"] = GitCommit(),
            ["experiment"] = info.Name,
            ["experiment_file"] = info.File,
            ["model_file"] = info.Model,
            ["experiment_hash"] = info.Hash,
            ["master_seed"] = info.Seed.ToString(CultureInfo.InvariantCulture),
            ["replication_seeds"] = new JsonArray(Enumerable.Range(0, info.Replications)
                .Select(r => (JsonNode)Sim.Experiments.Spec.ExperimentDefinition.RunSeed(info.Seed, r).ToString(CultureInfo.InvariantCulture)).ToArray()),
            ["runs_total"] = info.TotalRuns,
            ["finished_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The commit the simulator was built from, when it runs from a git checkout; "unknown" otherwise.</summary>
    private static string GitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null) return "unknown";
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return "unknown";
        }
    }
}
