using Sim.Kafka.Clients;

namespace Sim.Kafka.Tests.Clients;

/// <summary>Kafka's key partitioner hash and the key shares a producer's rate is split by.</summary>
public sealed class Murmur2Tests
{
    [Fact]
    public void KeyShares_AreThoseOfTheKeyStringsHashed()
    {
        // Keys of one to seven digits: every tail length of the hash, and the formatting of each key in place.
        foreach (var (keys, partitions) in new[] { (1, 1), (10, 3), (1000, 7), (2_000_000, 100) })
        {
            var expected = new double[partitions];
            for (int k = 0; k < keys; k++) expected[Murmur2.Partition("key-" + k, partitions)] += 1.0 / keys;
            Assert.Equal(expected, Murmur2.KeyShares(keys, partitions));
        }
    }

    [Fact]
    public void Partition_OfAKnownKey_IsWhereKafkaPutsIt()
    {
        // Utils.murmur2 of the UTF-8 bytes of "21" is -973932308 (a test vector of Kafka's UtilsTest).
        Assert.Equal(-973932308, Murmur2.Hash("21"u8));
    }
}
