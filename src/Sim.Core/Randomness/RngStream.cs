namespace Sim.Core.Randomness;

/// <summary>
/// One named, independently seeded random stream (xoshiro256**, seeded through SplitMix64).
/// It derives from <see cref="System.Random"/> so MathNet.Numerics samplers accept it, and overrides
/// every sampling method so the base class's own generator is never used.
/// </summary>
public sealed class RngStream : System.Random
{
    private ulong _s0, _s1, _s2, _s3;

    // The base constructor with an explicit seed avoids the ambient-seeded one; its state is unused.
    public RngStream(string name, ulong seed) : base(0)
    {
        Name = name;
        Seed = seed;
        ulong x = seed;
        _s0 = StableHash.Mix(x); x += 0x9E3779B97F4A7C15UL;
        _s1 = StableHash.Mix(x); x += 0x9E3779B97F4A7C15UL;
        _s2 = StableHash.Mix(x); x += 0x9E3779B97F4A7C15UL;
        _s3 = StableHash.Mix(x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    public string Name { get; }

    public ulong Seed { get; }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1], safe to take the logarithm of.</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    // System.Random promises results strictly below the maximum; an all-ones draw is drawn again.
    public override int Next()
    {
        int r;
        do r = (int)(NextUInt64() >> 33); while (r == int.MaxValue);
        return r;
    }

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBounded((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        if (minValue > maxValue) throw new ArgumentOutOfRangeException(nameof(minValue));
        return (int)(minValue + (long)NextBounded((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64()
    {
        long r;
        do r = (long)(NextUInt64() >> 1); while (r == long.MaxValue);
        return r;
    }

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBounded((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        if (minValue > maxValue) throw new ArgumentOutOfRangeException(nameof(minValue));
        return minValue + (long)NextBounded((ulong)(maxValue - minValue));
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    /// <summary>An exponential draw with the given mean (inverse transform, one uniform).</summary>
    public double NextExponential(double mean) => -Math.Log(NextDoubleNonZero()) * mean;

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p) => p > 0 && (p >= 1 || NextDouble() < p);

    // Lemire's nearly divisionless method: unbiased in [0, bound).
    private ulong NextBounded(ulong bound)
    {
        if (bound == 0) return 0;
        UInt128 m = (UInt128)NextUInt64() * bound;
        ulong low = (ulong)m;
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * bound;
                low = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }
}
