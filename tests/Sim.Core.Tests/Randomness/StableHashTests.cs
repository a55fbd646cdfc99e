using Sim.Core.Randomness;

namespace Sim.Core.Tests.Randomness;

public sealed class StableHashTests
{
    // Published FNV-1a 64-bit test vectors (Fowler, Noll and Vo's reference test suite).
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("b", 0xaf63df4c8601f1a5UL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv1a64_KnownString_EqualsPublishedTestVector(string text, ulong expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a64(text));
    }

    [Fact]
    public void Fnv1a64_NonAsciiText_HashesUtf8Bytes()
    {
        // "é" is C3 A9 in UTF-8; hashing the two bytes by hand gives the expected value.
        ulong h = 14695981039346656037UL;
        foreach (byte b in new byte[] { 0xC3, 0xA9 }) h = (h ^ b) * 1099511628211UL;

        Assert.Equal(h, StableHash.Fnv1a64("é"));
    }

    [Fact]
    public void Fnv1a64_TextLongerThanStackBuffer_MatchesByteByByteHash()
    {
        var text = new string('x', 1_000);
        ulong h = 14695981039346656037UL;
        for (int i = 0; i < text.Length; i++) h = (h ^ (byte)'x') * 1099511628211UL;

        Assert.Equal(h, StableHash.Fnv1a64(text));
    }

    [Fact]
    public void Mix_ZeroInput_EqualsSplitMix64FirstOutputForSeedZero()
    {
        // SplitMix64 seeded with 0 first returns 0xE220A8397B1DCDAF (Vigna's reference implementation).
        Assert.Equal(0xE220A8397B1DCDAFUL, StableHash.Mix(0));
    }

    [Fact]
    public void Derive_SameParentAndName_IsSame()
    {
        Assert.Equal(StableHash.Derive(42, "workload/arrivals"), StableHash.Derive(42, "workload/arrivals"));
    }

    [Fact]
    public void Derive_DifferentNameOrParent_Differs()
    {
        ulong baseline = StableHash.Derive(42, "workload/arrivals");

        Assert.NotEqual(baseline, StableHash.Derive(42, "workload/service"));
        Assert.NotEqual(baseline, StableHash.Derive(43, "workload/arrivals"));
    }
}
