using System.Text.Json;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary><c>sim trace</c>: the narrated story of one run, its filters, JSON lines for tools, and its pictures.</summary>
public class TraceCommandTests
{
    [Fact]
    public void Trace_TellsTheCrashTheElectionAndTheRecoveryInOrder_AndDrawsBothPictures()
    {
        string dir = TempDir("trace");
        var (exit, output, err) = Exec("trace", Data("tiny.yaml"), "--run", "0", "--out", dir);
        Assert.True(exit == 0, err);
        var lines = output.Split('\n');
        Assert.StartsWith("trace of tiny run 0 (stretch, network.links.a/b.rtt=2ms; seed ", lines[0]);
        int crash = Array.FindIndex(lines, l => l.Contains("fault begins: broker-crash of", StringComparison.Ordinal));
        int leader = Array.FindIndex(lines, l => l.Contains("orders-0: the leader moves from broker", StringComparison.Ordinal));
        int repair = Array.FindIndex(lines, l => l.Contains("fault ends: broker-crash", StringComparison.Ordinal));
        Assert.True(crash > 0 && leader > crash && repair > leader, output);
        Assert.Contains("15.000 s  fault", lines[crash]);
        Assert.Contains("in all: ", output);
        foreach (var png in new[] { "timeline.png", "messages.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, png));
            Assert.Equal(0x89, bytes[0]);
            Assert.True(bytes.Length > 20_000, $"{png} is only {bytes.Length} bytes");
        }
    }

    [Fact]
    public void Trace_KindAndPartitionFilters_KeepOnlyThoseLinesAndTheFaults()
    {
        var (exit, output, _) = Exec("trace", Data("tiny.yaml"), "--run", "0", "--no-plots", "--kind", "leader,isr", "--partition", "orders-0");
        Assert.Equal(0, exit);
        var body = output.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("in all:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(body);
        Assert.All(body, l => Assert.Matches(@"^\s+\d+\.\d{3} s  (leader|isr)\s+ orders-0: ", l));
    }

    [Fact]
    public void Trace_JsonLines_AreOneObjectPerEntryWithTimeKindAndText()
    {
        var (exit, output, _) = Exec("trace", Data("tiny.yaml"), "--run", "0", "--no-plots", "--format", "jsonl");
        Assert.Equal(0, exit);
        var objects = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.True(o.TryGetProperty("time_s", out _) && o.TryGetProperty("kind", out _) && o.TryGetProperty("text", out _)));
        var leader = objects.First(o => o.GetProperty("kind").GetString() == "leader");
        Assert.Equal("orders-0", leader.GetProperty("partition").GetString());
        Assert.True(leader.GetProperty("leader_epoch").GetInt32() >= 1);
        // Times never go back.
        var times = objects.Select(o => o.GetProperty("time_s").GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void Trace_IsTheSameEveryTime()
    {
        var first = Exec("trace", Data("tiny.yaml"), "--run", "1", "--no-plots", "--format", "jsonl").Out;
        var second = Exec("trace", Data("tiny.yaml"), "--run", "1", "--no-plots", "--format", "jsonl").Out;
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Trace_OfAnExperimentWithSeveralRuns_AsksWhichOne_AndRejectsAnUnknownKind()
    {
        var (exit, _, err) = Exec("trace", Data("tiny.yaml"), "--no-plots");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("has 4 runs; pick one with --run 0..3", err);

        (exit, _, err) = Exec("trace", Data("tiny.yaml"), "--run", "0", "--kind", "leaders");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown kind 'leaders'", err);
    }
}
