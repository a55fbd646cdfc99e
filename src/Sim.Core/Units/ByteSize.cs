using System.Globalization;

namespace Sim.Core;

/// <summary>
/// A size in bytes. Files write it as text (<c>16KiB</c>, <c>1MB</c>), which Sim.Experiments reads;
/// <see cref="ToString"/> writes the largest exact binary unit.
/// </summary>
public readonly record struct ByteSize(long Bytes)
{
    public static ByteSize FromKiB(long k) => new(checked(k * 1024));
    public static ByteSize FromMiB(long m) => new(checked(m * 1024 * 1024));

    public override string ToString()
    {
        if (Bytes != 0 && Bytes % (1024L * 1024 * 1024) == 0) return (Bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "GiB";
        if (Bytes != 0 && Bytes % (1024L * 1024) == 0) return (Bytes / (1024L * 1024)).ToString(CultureInfo.InvariantCulture) + "MiB";
        if (Bytes != 0 && Bytes % 1024 == 0) return (Bytes / 1024).ToString(CultureInfo.InvariantCulture) + "KiB";
        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
