using System.CommandLine;
using System.Globalization;
using Sim.Experiments.Tracing;

namespace Sim.Cli;

/// <summary>
/// <c>sim demo site-outage</c>: runs the shipped experiment <c>experiments/site-outage-demo.yaml</c> through
/// the same pipeline as <c>sim run</c> (its flags become <c>--set</c> overrides) and narrates it from the
/// run's trace: the outage, fencing, controller and leader changes, then writes before, during and after it.
/// </summary>
public static class SiteOutageCommand
{
    private const string DefaultFile = "experiments/site-outage-demo.yaml";

    public static Command Build()
    {
        var file = new Option<FileInfo>("--file") { Description = "The demo's experiment file", DefaultValueFactory = _ => new FileInfo(DefaultFile) };
        var zone = new Option<string>("--zone") { Description = "Site that loses power (faults.0.target)", DefaultValueFactory = _ => "b" };
        var acks = new Option<string>("--acks") { Description = "Producer acks: 0, 1 or all", DefaultValueFactory = _ => "all" };
        var minIsr = new Option<int>("--min-insync-replicas") { Description = "min.insync.replicas of the topic", DefaultValueFactory = _ => 2 };
        var rf = new Option<int>("--replication-factor") { Description = "replication.factor of the topic", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Records per second produced in each site", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 42UL };
        var cmd = new Command("site-outage", "A site of the two-metro-DC stretch cluster loses power for 60 s; writes measured before, during and after")
        {
            file, zone, acks, minIsr, rf, rate, seed,
        };
        cmd.SetAction(r =>
        {
            var ci = CultureInfo.InvariantCulture;
            string[] sets =
            [
                $"faults.0.target={r.GetValue(zone)}", $"workload.producers.0.config.acks={r.GetValue(acks)}", $"workload.producers.1.config.acks={r.GetValue(acks)}",
                $"topics.orders.min.insync.replicas={r.GetValue(minIsr)}", $"topics.orders.replication.factor={r.GetValue(rf)}",
                $"workload.producers.0.rate={r.GetValue(rate).ToString(ci)}/s", $"workload.producers.1.rate={r.GetValue(rate).ToString(ci)}/s", $"seed={r.GetValue(seed)}",
            ];
            return Run(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(file)!, sets);
        });
        return cmd;
    }

    private static int Run(TextWriter o, TextWriter stderr, FileInfo file, string[] sets)
    {
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        if (ExperimentInput.Load(shown, sets, stderr) is not { } experiment) return ExitCodes.InvalidInput;
        var traced = TracedRun.Play(experiment, 0);
        var result = traced.Result;
        var outage = result.Faults.Count > 0 ? result.Faults[0] : null;
        o.WriteLine($"{experiment.Name} ({shown}, {string.Join(" ", sets.Select(s => "--set " + s))}): {experiment.Description?.Trim()}");
        o.WriteLine();
        o.Write(SiteOutageNarration.Timeline(traced.Trace));
        o.WriteLine();
        double from = outage is null ? double.MaxValue : (outage.Start - Sim.Core.Time.SimTime.Zero).TotalSeconds;
        double to = outage?.End is { } e ? (e - Sim.Core.Time.SimTime.Zero).TotalSeconds : double.MaxValue;
        o.Write(SiteOutageNarration.Phases(result.Timeseries, experiment.Warmup.TotalSeconds, from, to));
        o.WriteLine();
        o.WriteLine($"produce latency after the warm-up: p50 {Ms(result.ProduceLatency.P50Ms)} ms, p99 {Ms(result.ProduceLatency.P99Ms)} ms");
        o.WriteLine($"longest write stall (producer RTO): {result.ProducerRto.Seconds.ToString("0.000", CultureInfo.InvariantCulture)} s; leader elections: {result.LeaderElections}");
        o.WriteLine($"acknowledged records lost: {result.AckedRecordsLost:N0} of {result.RecordsAcked:N0}");
        foreach (var l in traced.Trace.Entries.Where(x => x.Kind == "lost").Take(3)) o.WriteLine($"  {l.Text}");
        o.WriteLine($"{result.Events:N0} events, fingerprint {result.Fingerprint}");
        return ExitCodes.Ok;
    }

    private static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);
}
