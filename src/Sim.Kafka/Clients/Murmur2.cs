using System.Text;

namespace Sim.Kafka.Clients;

/// <summary>
/// Kafka's key partitioner hash (Utils.murmur2 and Utils.toPositive): partition =
/// <c>toPositive(murmur2(keyBytes)) % numPartitions</c>, so a key lands where a real producer puts it.
/// </summary>
public static class Murmur2
{
    public static int Hash(ReadOnlySpan<byte> data)
    {
        const int seed = unchecked((int)0x9747b28c);
        const int m = 0x5bd1e995;
        const int r = 24;
        int length = data.Length;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++)
        {
            int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
            k = unchecked(k * m);
            k ^= (int)((uint)k >> r);
            k = unchecked(k * m);
            h = unchecked(h * m);
            h ^= k;
        }
        int tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                goto case 2;
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                goto case 1;
            case 1:
                h ^= data[tail] & 0xff;
                h = unchecked(h * m);
                break;
        }
        h ^= (int)((uint)h >> 13);
        h = unchecked(h * m);
        h ^= (int)((uint)h >> 15);
        return h;
    }

    public static int ToPositive(int n) => n & 0x7fffffff;

    /// <summary>The partition Kafka's default partitioner picks for a string key.</summary>
    public static int Partition(string key, int partitions) => ToPositive(Hash(Encoding.UTF8.GetBytes(key))) % partitions;

    /// <summary>
    /// The share of a uniformly drawn key space (<c>key-0</c> … <c>key-(n-1)</c>) landing on each partition:
    /// the weights that split a producer's rate across partitions.
    /// </summary>
    public static double[] KeyShares(int keys, int partitions)
    {
        var shares = new double[partitions];
        // The UTF-8 bytes of "key-" + k written in place (ASCII, as the string's would be): no string or byte array per key.
        Span<byte> key = stackalloc byte[16];
        "key-"u8.CopyTo(key);
        for (int k = 0; k < keys; k++)
        {
            k.TryFormat(key[4..], out int digits, default, System.Globalization.CultureInfo.InvariantCulture);
            shares[ToPositive(Hash(key[..(4 + digits)])) % partitions] += 1.0 / keys;
        }
        return shares;
    }
}
