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

    // The vectors of Kafka's UtilsTest.testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils): tails of 0, 2
    // and 3 bytes past the last four-byte block, and keys of up to twelve blocks.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_OfKafkasTestVectors_IsUtilsMurmur2(string key, int expected)
    {
        Assert.Equal(expected, Murmur2.Hash(System.Text.Encoding.UTF8.GetBytes(key)));
    }
}
