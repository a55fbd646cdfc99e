using System.Text;

namespace Sim.Core.Randomness;

/// <summary>
/// Hashes that are the same in every process, on every machine and in every .NET version
/// (unlike <c>string.GetHashCode()</c>, which is randomised per process).
/// </summary>
public static class StableHash
{
    /// <summary>FNV-1a 64-bit over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(string text)
    {
        ulong h = 14695981039346656037UL;
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        int n = Encoding.UTF8.GetBytes(text, buffer);
        for (int i = 0; i < n; i++)
        {
            h ^= buffer[i];
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Derives a child seed from a parent seed and a name, such as a stream or a run id.</summary>
    public static ulong Derive(ulong parent, string name) => Mix(Mix(parent) ^ Fnv1a64(name));
}
