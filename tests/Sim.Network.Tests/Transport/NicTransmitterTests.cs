using Sim.Core;
using Sim.Network.Transport;

namespace Sim.Network.Tests.Transport;

public class NicTransmitterTests
{
    /// <summary>Source: a card's bandwidth serialises each direction (EC2 "instance network bandwidth": in and out apply separately).</summary>
    [Fact]
    public void Transmit_BackToBackMessages_QueueAtTheBaselineRate()
    {
        var nic = new NicTransmitter(new NicProfile(new Bandwidth(8e9)));
        // 1 GB/s: a 1 MB message takes 1 ms, the next one waits behind it.
        Assert.Equal(1_000_000, nic.Transmit(0, 1_000_000));
        Assert.Equal(2_000_000, nic.Transmit(0, 1_000_000));
        Assert.Equal(5_000_000, nic.Transmit(4_000_000, 1_000_000));
    }

    /// <summary>Source: "up to" instances burst while network I/O credits last, then fall back to the baseline.</summary>
    [Fact]
    public void Transmit_BurstCreditsRunOut_FallsBackToTheBaseline()
    {
        // Baseline 1 GB/s, burst 4 GB/s, a bucket lasting 1 ms of burst: 3 MB of credits above the baseline.
        var nic = new NicTransmitter(new NicProfile(new Bandwidth(8e9)) { Burst = new Bandwidth(32e9), BurstSeconds = 0.001 });
        long first = nic.Transmit(0, 1_000_000);
        Assert.Equal(250_000, first);
        long at = first;
        for (int i = 0; i < 10; i++) at = nic.Transmit(at, 1_000_000);
        Assert.Equal(0, nic.Credits);
        long before = at;
        Assert.Equal(before + 1_000_000, nic.Transmit(before, 1_000_000));
    }

    /// <summary>
    /// Source: a card takes a message in while its packets arrive (cut-through: the bytes of a 1 MB message reaching a
    /// 1 GB/s card over its last millisecond on the wire occupy the card during that millisecond, not after it).
    /// </summary>
    [Fact]
    public void Receive_AMessageArrivingAfterAnotherHasComeIn_WaitsForNothing()
    {
        var nic = new NicTransmitter(new NicProfile(new Bandwidth(8e9)));
        // 1 GB/s: a 1 MB message whose last byte arrives at 2 ms came in over [1 ms, 2 ms].
        Assert.Equal(2_000_000, nic.Receive(0, 2_000_000, 1_000_000));
        // A small message arriving at 2.1 ms finds the card idle.
        Assert.Equal(2_100_000, nic.Receive(0, 2_100_000, 1_000));
    }

    /// <summary>Source: two messages on the wire at once share the card; the one arriving second waits for the first.</summary>
    [Fact]
    public void Receive_TwoMessagesComingInTogether_TheSecondWaitsForTheFirst()
    {
        var nic = new NicTransmitter(new NicProfile(new Bandwidth(8e9)));
        Assert.Equal(2_000_000, nic.Receive(0, 2_000_000, 1_000_000));
        // Another 1 MB message whose bytes reach the card over [1.5 ms, 2.5 ms]: half a millisecond of the first's work is
        // left when it starts, so it is taken in by 3 ms.
        Assert.Equal(3_000_000, nic.Receive(0, 2_500_000, 1_000_000));
    }

    /// <summary>
    /// Source: IEEE 802.3 framing (38 bytes a frame with preamble and interframe gap) around IPv4 and TCP headers with
    /// timestamps (52 bytes, RFC 7323): at a 1,500-byte MTU a 1 MB message is 691 segments of at most 1,448 bytes.
    /// </summary>
    [Fact]
    public void Transmit_AtAnMtu_CarriesEachSegmentsHeadersAndFraming()
    {
        var standard = new NicTransmitter(new NicProfile(new Bandwidth(8e9)) { Mtu = 1500 });
        Assert.Equal(1_000_000 + (691 * 90), standard.Transmit(0, 1_000_000));
        Assert.Equal(1_000_000 + (691 * 90), standard.Bytes);
        // Jumbo frames (AWS within a VPC): 112 segments of at most 8,949 bytes.
        var jumbo = new NicTransmitter(new NicProfile(new Bandwidth(8e9)) { Mtu = 9001 });
        Assert.Equal(1_000_000 + (112 * 90), jumbo.Transmit(0, 1_000_000));
        // A message smaller than a segment is one packet.
        Assert.Equal(1_090, new NicTransmitter(new NicProfile(new Bandwidth(8e9)) { Mtu = 1500 }).Transmit(0, 1_000));
    }

    /// <summary>
    /// Source: EC2 "instance network bandwidth": an instance accrues network I/O credits while under its baseline. A card
    /// starting with its credits spent sends at the baseline, then at its burst rate once idle time has earned credits.
    /// </summary>
    [Fact]
    public void Transmit_StartingWithCreditsSpent_BurstsOnlyAfterEarningThemWhileIdle()
    {
        var nic = new NicTransmitter(new NicProfile(new Bandwidth(8e9)) { Burst = new Bandwidth(32e9), BurstSeconds = 300, InitialCreditSeconds = 0 });
        // 1 GB/s baseline: the first 1 MB takes 1 ms.
        Assert.Equal(1_000_000, nic.Transmit(0, 1_000_000));
        // Idle from 1 ms to 11 ms earns 10 MB of credit at the baseline rate: the next 1 MB goes at 4 GB/s.
        Assert.Equal(11_250_000, nic.Transmit(11_000_000, 1_000_000));
    }
}
