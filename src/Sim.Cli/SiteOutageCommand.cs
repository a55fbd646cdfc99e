using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using System.CommandLine;
using System.Globalization;
using Sim.Experiments.Demos;
using Sim.Experiments.Models;
using Sim.Experiments.Yaml;

namespace Sim.Cli;

/// <summary><c>sim demo site-outage</c>: one zone of a model's cluster loses power; what happens to writes.</summary>
public static class SiteOutageCommand
{
    public static Command Build()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file", DefaultValueFactory = _ => new FileInfo("models/two-metro-dcs.yaml") };
        var zone = new Option<string>("--zone") { Description = "Zone that loses power", DefaultValueFactory = _ => "b" };
        var acks = new Option<string>("--acks") { Description = "Producer acks: 0, 1 or all", DefaultValueFactory = _ => "all" };
        var minIsr = new Option<int>("--min-insync-replicas") { Description = "min.insync.replicas of the topic", DefaultValueFactory = _ => 2 };
        var rf = new Option<int>("--replication-factor") { Description = "replication.factor of the topic", DefaultValueFactory = _ => 3 };
        var rate = new Option<double>("--rate") { Description = "Records per second produced in each surviving zone", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 42UL };
        var cmd = new Command("site-outage", "A zone of the model's first cluster loses power for 60 s; writes measured before, during and after")
        {
            model, zone, acks, minIsr, rf, rate, seed,
        };
        cmd.SetAction(r => Run(r.GetValue(model)!, r.GetValue(zone)!, r.GetValue(acks)!, r.GetValue(minIsr), r.GetValue(rf), r.GetValue(rate), r.GetValue(seed)));
        return cmd;
    }

    private static int Run(FileInfo modelFile, string zone, string acksText, int minIsr, int rf, double rate, ulong seed)
    {
        short acks = acksText switch { "all" or "-1" => -1, "1" => 1, "0" => 0, _ => short.MinValue };
        if (acks == short.MinValue)
        {
            Console.Error.WriteLine($"sim demo site-outage: --acks must be 0, 1 or all, not '{acksText}'");
            return ExitCodes.InvalidInput;
        }
        ModelDefinition model;
        try
        {
            model = ModelLoader.Load(Path.GetRelativePath(Directory.GetCurrentDirectory(), modelFile.FullName));
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) Console.Error.WriteLine(d);
            return ExitCodes.InvalidInput;
        }
        SiteOutageDemo.Result result;
        try
        {
            result = SiteOutageDemo.Run(model, new SiteOutageDemo.Options(zone, acks, minIsr, rf, 12, rate, seed));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sim demo site-outage: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine($"model {model.Name}, cluster {result.Cluster}: zone {zone} loses power at t=30s for 60s; acks={acksText}, " +
                          $"replication.factor={rf}, min.insync.replicas={minIsr}, seed {seed}");
        Console.WriteLine();
        foreach (var line in result.Timeline) Console.WriteLine(line);
        Console.WriteLine();
        Console.WriteLine($"{"phase",-8} {"acked",10} {"failed",8} {"p50 ms",8} {"p99 ms",8}");
        foreach (var p in result.Phases)
            Console.WriteLine($"{p.Name,-8} {p.RecordsAcked,10:N0} {p.RecordsFailed,8:N0} {p.LatencyP50Ms.ToString("0.00", ci),8} {p.LatencyP99Ms.ToString("0.00", ci),8}");
        Console.WriteLine();
        Console.WriteLine($"longest write stall on a partition: {result.LongestWriteGap.TotalSeconds.ToString("0.000", ci)} s; leader elections: {result.LeaderElections}");
        Console.WriteLine($"acknowledged records lost: {result.Audit.LostRecords:N0} of {result.Audit.AuditedRecords:N0}");
        foreach (var l in result.Audit.Lost.Take(3)) Console.WriteLine($"  p{l.Partition}: {l.Explanation}");
        Console.WriteLine($"{result.Events:N0} events, fingerprint {result.Fingerprint}");
        return ExitCodes.Ok;
    }
}
