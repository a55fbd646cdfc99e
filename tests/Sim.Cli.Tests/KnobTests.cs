using System.Globalization;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// Numbers in the results move when the knob that drives them moves, through the experiment file and
/// --set as a user would turn it: the RTT to a follower site and the producer's acks.
/// </summary>
public class KnobTests
{
    private static Dictionary<string, double> P50ByRtt(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        var header = lines[0].Split(',');
        int rtt = Array.IndexOf(header, "network.links.a/b.rtt"), p50 = Array.IndexOf(header, "produce_latency_ms_p50_mean");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[rtt], c => double.Parse(c[p50], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RaisingTheRttToAFollowerSite_RaisesAcksAllLatency_AndAcksOneDoesNotWaitForIt()
    {
        string all = TempDir("knob-all"), one = TempDir("knob-one");
        // Without tiny.yaml's broker crash: while the crashed broker is out of the ISR (until it has loaded its
        // logs and caught up) acks=all waits only for the replicas left in it, and its leaders move, so the
        // medians would measure the fault's aftermath rather than the follower RTT this test is about.
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--set", "replications=1", "--set", "faults=[]", "--out", all, "-q").Exit);
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--set", "replications=1", "--set", "faults=[]", "--set", "workload.producers.0.config.acks=1", "--out", one, "-q").Exit);
        var acksAll = P50ByRtt(all);
        var acksOne = P50ByRtt(one);

        // acks=all waits for the follower in b, so 8 ms more RTT to b adds to the median write: about 6 ms here
        // (9.1 -> 15.4 ms).
        double rise = acksAll["10ms"] - acksAll["2ms"];
        Assert.InRange(rise, 5, 20);
        // acks=1 is answered by the leader alone: at 10 ms to b it is faster than acks=all (7.2 against 15.4 ms).
        Assert.True(acksOne["10ms"] < acksAll["10ms"] - 5, $"acks=1 p50 {acksOne["10ms"]} ms, acks=all p50 {acksAll["10ms"]} ms");
    }
}
