using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sim.Experiments.Checking;
using Sim.Experiments.Spec;

namespace Sim.Cli;

/// <summary>
/// What <c>sim check --out DIR</c> keeps of each shrunk failure, in <c>DIR/failure-N/</c>: <c>experiment.yaml</c>, the
/// checked experiment with its seed, replications and faults replaced by the failing ones (runnable as it stands:
/// its model is named by absolute path); <c>replay.sh</c>, the exact command that replays the failing run;
/// <c>failure.txt</c>, what failed and why; and <c>trace/</c>, the run's trace (<c>trace.txt</c>) and its pictures,
/// as <c>sim trace</c> draws them. The failing run is run <c>--point</c> of the written experiment, since it has
/// one replication per sweep point.
/// </summary>
internal static partial class CheckArtifacts
{
    private static readonly string[] Replaced = ["seed", "replications", "faults"];

    public static void Write(DirectoryInfo dir, string sourceFile, ExperimentDefinition experiment, IReadOnlyList<string> sets, CheckOptions options,
        CheckReport report, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        var source = File.ReadAllText(sourceFile);
        for (int i = 0; i < report.Shrunk.Count; i++)
        {
            var s = report.Shrunk[i];
            var d = Directory.CreateDirectory(Path.Combine(dir.FullName, "failure-" + (i + 1).ToString(inv)));
            string yaml = Path.Combine(d.FullName, "experiment.yaml");
            File.WriteAllText(yaml, Rewrite(source, sourceFile, experiment.ModelFile, s));
            var args = new List<string> { "trace", "experiment.yaml", "--run", options.Point.ToString(inv) };
            foreach (var set in sets) args.AddRange(["--set", set]);
            args.AddRange(["--out", "trace"]);
            string script = Path.Combine(d.FullName, "replay.sh");
            File.WriteAllText(script,
                "#!/bin/sh\n" +
                $"# Replays the failing run of 'sim check {sourceFile}' (run {s.Original.Run}, shrunk to {s.Schedule.Count} fault(s)): {s.Verdict.Summary}\n" +
                "# Needs 'sim' on PATH ('make install'), or SIM set to the command, e.g. SIM='dotnet run --project src/Sim.Cli --'.\n" +
                "cd \"$(dirname \"$0\")\" || exit 1\n" +
                "exec ${SIM:-sim} " + string.Join(" ", args.Select(Quote)) + " \"$@\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.WriteAllText(Path.Combine(d.FullName, "failure.txt"), Describe(s));

            // The trace, as the script would write it, so the failure can be read without running anything.
            var traceArgs = args.ToArray();
            traceArgs[1] = yaml;
            traceArgs[^1] = Path.Combine(d.FullName, "trace");
            Directory.CreateDirectory(Path.Combine(d.FullName, "trace"));
            using var text = new StreamWriter(Path.Combine(d.FullName, "trace", "trace.txt"));
            int exit = Program.Run(traceArgs, text, text);
            stdout.WriteLine($"  failure {i + 1}: {Path.GetRelativePath(Directory.GetCurrentDirectory(), d.FullName)}/ (experiment.yaml, replay.sh, failure.txt, trace/{(exit == 0 ? "" : $"; the trace exited {exit}")})");
        }
    }

    /// <summary>The source experiment with its top-level seed, replications and faults taken out and the failing ones put in, its model by absolute path.</summary>
    internal static string Rewrite(string source, string sourceFile, string modelFile, ShrunkFailure s)
    {
        var kept = new StringBuilder();
        kept.Append($"# Written by 'sim check --out' from {sourceFile}: its failing run {s.Original.Run}, shrunk to {s.Schedule.Count} fault(s).\n");
        kept.Append($"# {s.Verdict.Summary}\n");
        bool skipping = false;
        foreach (var line in source.Replace("\r\n", "\n").Split('\n'))
        {
            var key = TopLevelKey().Match(line);
            if (key.Success) skipping = Replaced.Contains(key.Groups[1].Value);
            if (skipping) continue;
            kept.Append(key.Success && key.Groups[1].Value == "model" ? "model: " + Path.GetFullPath(modelFile) : line).Append('\n');
        }
        var text = kept.ToString().TrimEnd('\n') + "\n\n";
        return text + $"seed: {s.Original.Seed.ToString(CultureInfo.InvariantCulture)}\nreplications: 1\n" + FaultPlanText.Format(s.Schedule) + "\n";
    }

    private static string Describe(ShrunkFailure s)
    {
        var b = new StringBuilder();
        b.Append($"run {s.Original.Run} (seed {s.Original.Seed}), {s.Original.Schedule.Count} fault(s) drawn, shrunk to {s.Schedule.Count} in {s.RunsSpent} runs\n");
        b.Append(s.Verdict.Summary).Append('\n');
        if (s.Verdict.Explanation.Count > 0)
        {
            b.Append(s.Verdict.Kind == "lost" ? "why:\n" : "chain of events that led to it:\n");
            foreach (var step in s.Verdict.Explanation) b.Append("  - ").Append(step).Append('\n');
        }
        b.Append(FaultPlanText.Format(s.Schedule)).Append('\n');
        return b.ToString();
    }

    private static string Quote(string arg) => arg.All(c => char.IsLetterOrDigit(c) || "-_./=:".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_.]*)\\s*:")]
    private static partial Regex TopLevelKey();
}
