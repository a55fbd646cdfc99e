using Sim.Core;
using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Tests.Support;
using Xunit.Abstractions;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// The hot path (send, transmit, jitter, loss, cut check, delivery) allocates nothing per message: the
/// network never wraps a message and the scheduler's arrays are reused once grown. Measured with the
/// thread's allocation counter after a warm-up round that grows every list and queue to its working
/// size, so what is left is what each further message costs. This counts bytes, not time.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    private const int Messages = 20_000;
    private const double MaxBytesPerMessage = 8;

    [Fact]
    public void SendAndDeliver_AfterWarmUp_AllocatesNothingPerMessage()
    {
        // Jitter, loss and a bandwidth queue on every path, and a cut in force that blocks none of them,
        // so every branch of the hot path runs.
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a", racks: 2, nodesPerRack: 2).Zone("r", "b", racks: 2, nodesPerRack: 2).Zone("r", "c")
            .LinkEverywhere(new(Rtt: Ms(10), Jitter: NormalJitter(Ms(0.5)), Loss: 0.02, Bandwidth: new Bandwidth(10e9)))
            .Link("a->b", new(Rtt: Ms(10), Jitter: LogNormalJitter(Ms(0.2), Ms(1)), Loss: 0.02, Bandwidth: new Bandwidth(10e9)))
            .Build(), seed: 12);
        f.Network.AddCut(new Cut("c|c", NodeSet.Of(f.Topology, f.Zone("c")), NodeSet.Of(f.Topology, f.Zone("c")), Symmetric: true));
        var nodes = f.NodesIn("a").Concat(f.NodesIn("b")).ToArray();
        var messages = Enumerable.Range(0, Messages).Select(i => new TestMessage(1_000 + i % 7 * 100, i)).ToArray();

        SendRound(f, nodes, messages);
        f.ClearLogs();
        long before = GC.GetAllocatedBytesForCurrentThread();
        SendRound(f, nodes, messages);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        double perMessage = allocated / (double)Messages;
        output.WriteLine($"allocated {allocated} bytes for {Messages} messages = {perMessage:F3} bytes per message");
        Assert.Equal(Messages, f.Received.Count);
        Assert.True(perMessage < MaxBytesPerMessage, $"{perMessage:F2} bytes allocated per message");
    }

    private static void SendRound(NetworkFixture f, Sim.Network.Topology.Node[] nodes, TestMessage[] messages)
    {
        for (int i = 0; i < messages.Length; i++)
        {
            var from = nodes[i % nodes.Length];
            var to = nodes[(i / nodes.Length + 1 + i) % nodes.Length];
            if (to == from) to = nodes[(i + 1) % nodes.Length];
            f.Network.Send(from, to, messages[i]);
        }
        f.RunUntilIdle();
    }
}
