using Sim.Core;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;
using Sim.Kafka.Hardware;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Models;

/// <summary>
/// Reads a cluster's <c>hardware:</c> block: a preset instance (<see cref="HardwareCatalog"/>), its disks, and
/// overrides of any figure. Keys: <c>instance</c>, <c>cores</c>, <c>memory</c>, <c>jvm.heap</c>,
/// <c>network: {baseline, burst, burst.seconds, burst.credits.seconds, mtu}</c>, <c>disks: {type, count, size, throughput, iops}</c>,
/// <c>vm.dirty_ratio</c>, <c>vm.dirty_background_ratio</c> (percent, as sysctl takes them),
/// <c>price.usd.per.hour</c>. docs/hardware.md lists the presets.
/// </summary>
internal static class HardwareSection
{
    internal static readonly string[] Keys = ["instance", "cores", "memory", "jvm.heap", "network", "disks", "vm.dirty_ratio", "vm.dirty_background_ratio", "price.usd.per.hour"];
    internal static readonly string[] NetworkKeys = ["baseline", "burst", "burst.seconds", "burst.credits.seconds", "mtu"];
    internal static readonly string[] DiskKeys = ["type", "count", "size", "throughput", "iops"];

    public static BrokerHardware Read(YamlReader r, YamlNode node, string path)
    {
        var fields = r.Mapping(node, path, Keys) ?? [];
        var hw = BrokerHardware.Default;
        var instanceNode = fields.FirstOrDefault(f => f.Key == "instance").Value;
        if (instanceNode is not null && r.Scalar(instanceNode, $"{path}.instance") is { } name)
        {
            if (HardwareCatalog.FindInstance(name) is { } preset) hw = BrokerHardware.Of(preset);
            else r.Error($"{path}.instance", instanceNode, $"unknown instance '{name}'", Sim.Experiments.Text.NameSuggester.Hint(name, HardwareCatalog.Instances.Select(i => i.Name).ToList()));
        }
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            hw = k switch
            {
                "cores" => Values.Int(r, v, key, 1, 1024) is { } n ? hw with { Cores = n } : hw,
                "memory" => Values.Bytes(r, v, key, 1L << 20) is { } b ? hw with { MemoryBytes = b } : hw,
                "jvm.heap" => Values.Bytes(r, v, key, 1L << 20) is { } b ? hw with { JvmHeapBytes = b } : hw,
                "network" => Network(r, v, key, hw),
                "disks" => Disks(r, v, key, hw),
                "vm.dirty_ratio" => Percent(r, v, key) is { } x ? hw with { DirtyRatio = x } : hw,
                "vm.dirty_background_ratio" => Percent(r, v, key) is { } x ? hw with { DirtyBackgroundRatio = x } : hw,
                "price.usd.per.hour" => r.Number(v, key) is { } usd ? hw with { InstancePriceUsdPerHour = usd } : hw,
                _ => hw,
            };
        }
        if (hw.JvmHeapBytes >= hw.MemoryBytes) r.Error($"{path}.jvm.heap", node, "the JVM heap must leave memory for the page cache");
        return hw;
    }

    private static double? Percent(YamlReader r, YamlNode v, string key) =>
        r.Number(v, key) is { } x ? (x is > 0 and <= 100 ? x / 100 : Fail(r, v, key, "must be a percentage from 1 to 100")) : null;

    private static double? Fail(YamlReader r, YamlNode v, string key, string message)
    {
        r.Error(key, v, message);
        return null;
    }

    private static BrokerHardware Network(YamlReader r, YamlNode node, string path, BrokerHardware hw)
    {
        foreach (var (k, v) in r.Mapping(node, path, NetworkKeys) ?? [])
        {
            string key = $"{path}.{k}";
            if (k == "burst.seconds") hw = r.Number(v, key) is { } sec and >= 0 ? hw with { NetworkBurstSeconds = sec } : hw;
            else if (k == "mtu") hw = Values.Int(r, v, key, 576, 9216) is { } mtu ? hw with { NetworkMtu = mtu } : hw;
            else if (k == "burst.credits.seconds") hw = r.Number(v, key) is { } sec and >= 0 ? hw with { NetworkBurstCreditSeconds = sec } : hw;
            else if (r.Bandwidth(v, key) is { } bw)
                hw = k == "baseline" ? hw with { NetworkBaseline = bw } : hw with { NetworkBurst = bw.BitsPerSecond > hw.NetworkBaseline.BitsPerSecond ? bw : null };
        }
        return hw;
    }

    private static BrokerHardware Disks(YamlReader r, YamlNode node, string path, BrokerHardware hw)
    {
        var fields = r.Mapping(node, path, DiskKeys) ?? [];
        var type = hw.DiskType;
        int count = hw.DiskCount;
        long size = hw.DiskSizeBytes;
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            if (k == "type" && r.Scalar(v, key) is { } name)
            {
                if (HardwareCatalog.FindDisk(name) is { } t) type = t;
                else r.Error(key, v, $"unknown disk type '{name}'", Sim.Experiments.Text.NameSuggester.Hint(name, HardwareCatalog.DiskTypes.Select(d => d.Name).ToList()));
            }
            else if (k == "count") count = Values.Int(r, v, key, 1, 64) ?? count;
            else if (k == "size") size = Values.Bytes(r, v, key, 1L << 30) ?? size;
        }
        // The type's defaults for that size first, then provisioned figures over them.
        hw = hw.WithDisks(type, count, size);
        foreach (var (k, v) in fields)
        {
            string key = $"{path}.{k}";
            if (k == "throughput" && r.Bandwidth(v, key) is { } bw) hw = hw with { DiskThroughputBytesPerSecond = bw.BytesPerSecond };
            else if (k == "iops" && Values.Int(r, v, key, 1) is { } iops) hw = hw with { DiskIops = iops };
        }
        return hw;
    }
}
