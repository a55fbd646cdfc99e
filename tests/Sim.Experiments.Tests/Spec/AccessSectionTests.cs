using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// The <c>access:</c> block's floating VIP starts in <c>vip.zone</c>: a zone holding no broker of the cluster is
/// refused when the file is loaded (so by <c>sim validate</c>), at the key's line, not when a run starts.
/// </summary>
public sealed class AccessSectionTests
{
    private static string WithVip(string zone) => Minimal.Replace("    brokers_per_site: 1\n",
        $"    brokers_per_site: 1\n    access: {{ kind: vip, vip.zone: {zone} }}\n", StringComparison.Ordinal);

    [Fact]
    public void Load_VipZoneWithABroker_IsTheLayersStartingZone()
    {
        var plan = Load(WithVip("b")).Points[0].Plan;

        Assert.Equal("b", plan.Access!.VipZone);
    }

    [Fact]
    public void Load_VipZoneWithoutABroker_IsAnErrorAtItsKey_NamingTheZonesThatHaveOne()
    {
        string yaml = WithVip("x");

        Expect(yaml, "zone 'x' holds no broker of cluster 'stretch' (its brokers are in: a, b, c)", key: "architectures.stretch.access.vip.zone", line: LineOf(yaml, "vip.zone"));
    }
}
