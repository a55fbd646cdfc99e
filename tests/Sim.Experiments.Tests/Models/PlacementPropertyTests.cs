using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using System.Text;
using FsCheck.Xunit;
using Sim.Experiments.Models;

namespace Sim.Experiments.Tests.Models;

/// <summary>Count placement over generated shapes: any zones, racks and counts give ids 1..N and balanced racks.</summary>
public sealed class PlacementPropertyTests
{
    // Each generated int encodes one zone: 1-4 racks and 0-9 brokers.
    private static (int Racks, int Brokers) Decode(int code) => (1 + (code & 0x3), (code >> 2 & 0xF) % 10);

    [Property(MaxTest = 200)]
    public bool Load_AnyCountsPerZone_IdsRunOneToNAndEachZoneUsesItsRacksEvenly(int[] codes)
    {
        var zones = codes.Take(5).Select(Decode).ToArray();
        if (zones.Length == 0) return true;
        var yaml = new StringBuilder("regions:\n  r:\n    zones:\n");
        for (int z = 0; z < zones.Length; z++)
        {
            var racks = string.Join(", ", Enumerable.Range(1, zones[z].Racks).Select(k => $"z{z}-r{k}"));
            yaml.Append($"      z{z}: {{ racks: [{racks}] }}\n");
        }
        yaml.Append("clusters:\n  c:\n    brokers: { ");
        yaml.Append(string.Join(", ", zones.Select((s, z) => $"z{z}: {s.Brokers}")));
        yaml.Append(" }\n");
        // A cluster needs KRaft voters; one dedicated controller is a separate node and leaves the brokers' ids alone.
        yaml.Append("    controllers: { z0: 1 }\n");

        var brokers = Assert.Single(ModelLoader.Load("p.yaml", yaml.ToString()).Clusters).Brokers;

        bool idsContiguous = brokers.Select(b => b.KafkaId!.Value).SequenceEqual(Enumerable.Range(1, zones.Sum(s => s.Brokers)));
        bool balanced = zones.Select((s, z) =>
        {
            var perRack = Enumerable.Range(1, s.Racks).Select(k => brokers.Count(b => b.Rack == $"z{z}-r{k}")).ToArray();
            return perRack.Sum() == s.Brokers && perRack.Max() - perRack.Min() <= 1;
        }).All(ok => ok);
        return idsContiguous && balanced;
    }
}
