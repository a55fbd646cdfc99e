using Sim.Experiments.Models;
using Sim.Experiments.Yaml;
using Sim.Kafka.Hardware;

namespace Sim.Experiments.Tests.Models;

public class HardwareSectionTests
{
    private const string Head = """
        name: m
        regions:
          r: { zones: { a: { racks: [a1] }, b: { racks: [b1] }, c: { racks: [c1] } } }
        clusters:
          main:
            brokers: { a: 1, b: 1, c: 1 }
            controllers: { a: 1, b: 1, c: 1 }

        """;

    [Fact]
    public void Load_NoHardware_LeavesTheDefaultMachine()
    {
        var model = ModelLoader.Load("m.yaml", Head);
        Assert.Null(model.Clusters[0].Hardware);
        Assert.Equal("m6i.2xlarge", BrokerHardware.Default.Instance);
        Assert.Equal(8, BrokerHardware.Default.Cores);
        Assert.Equal(125 * 1048576.0, BrokerHardware.Default.LogDiskBytesPerSecond, 3);
    }

    [Fact]
    public void Load_PresetWithOverrides_TakesThePresetThenEachOverride()
    {
        var model = ModelLoader.Load("m.yaml", Head + """
                hardware:
                  instance: i3en.2xlarge
                  cores: 6
                  network: { baseline: 10Gbps }
                  disks: { type: gp3, count: 2, size: 2TiB, throughput: 250MB/s, iops: 6000 }
                  vm.dirty_ratio: 30
            """);
        var hw = model.Clusters[0].Hardware!;
        Assert.Equal("i3en.2xlarge", hw.Instance);
        Assert.Equal(6, hw.Cores);
        Assert.Equal(64L << 30, hw.MemoryBytes);
        Assert.Equal(10e9, hw.NetworkBaseline.BitsPerSecond);
        Assert.Equal(25e9, hw.NetworkBurst!.Value.BitsPerSecond);
        Assert.Equal("gp3", hw.DiskType.Name);
        Assert.Equal(2, hw.DiskCount);
        Assert.Equal(250e6, hw.DiskThroughputBytesPerSecond);
        Assert.Equal(6000, hw.DiskIops);
        Assert.Equal(0.30, hw.DirtyRatio, 6);
        // Two 250 MB/s volumes, capped by the instance's 288.4 MB/s EBS bandwidth.
        Assert.Equal(288.4e6, hw.LogDiskBytesPerSecond, 0);
    }

    [Fact]
    public void Load_UnknownInstance_IsReportedAtItsKey()
    {
        var ex = Assert.Throws<InputException>(() => ModelLoader.Load("m.yaml", Head + """
                hardware: { instance: m6i.3xlarge }
            """));
        Assert.Contains(ex.Diagnostics, d => d.Key == "clusters.main.hardware.instance");
    }

    [Fact]
    public void Presets_LocalDisksComeWithTheInstance()
    {
        var hw = BrokerHardware.Of(HardwareCatalog.FindInstance("i3en.2xlarge")!);
        Assert.True(hw.DiskType.Local);
        Assert.Equal(2, hw.DiskCount);
        Assert.Equal(0.904, hw.InstancePriceUsdPerHour);
        Assert.All(HardwareCatalog.Instances, i => Assert.True(i.PriceUsdPerHour > 0 && i.Vcpus > 0 && i.NetworkBaselineGbps > 0, i.Name));
    }
}
