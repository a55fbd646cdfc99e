using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Architectures.Tests;

/// <summary>The recovery probe keeps only the acknowledgement and delivery times it reads around the first fault.</summary>
public class RecoveryProbeMemoryTests(ITestOutputHelper output)
{
    private static DeploymentPlan Plan() =>
        ActiveActive.Build(Arch.FourSites(), new ActiveActiveOptions(["a", "b"]), Arch.Workload(["a", "b"], ["a", "b"]));

    [Fact]
    public void TimesHeld_WithoutAFault_StayWithinTheLastSecondsOfEachStream()
    {
        var (run, _) = Arch.Run(Plan(), new([]), Arch.Options(120));
        var (recorded, held) = run.Probes.Recovery.TimesKept;
        // Before a fault only the last ActiveWithin (5 s) can be read: about a twelfth of a 120 s run, at most twice that held.
        Assert.True(recorded > 1000, $"recorded {recorded}");
        Assert.True(held * 4 < recorded, $"held {held} of {recorded}");
        output.WriteLine($"times recorded {recorded}, held {held}");
    }

    [Fact]
    public void TimesHeld_AfterTheFirstFault_StopOnceEachStreamIsPastIt()
    {
        var plan = Plan();
        var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 30, forS: 10), Arch.Options(120));
        var (recorded, held) = run.Probes.Recovery.TimesKept;
        // The 80 s after the outage add nothing once each stream has an event past the fault's first second.
        Assert.True(held * 4 < recorded, $"held {held} of {recorded}");
        output.WriteLine($"times recorded {recorded}, held {held}; RTO {r.ProducerRto.Seconds:F2} s");
    }
}
