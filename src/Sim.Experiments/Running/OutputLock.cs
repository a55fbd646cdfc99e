using System.Globalization;

namespace Sim.Experiments.Running;

/// <summary>
/// The lock that lets one <c>sim</c> at a time write an output directory: a file beside it
/// (<c>.NAME.sim-lock</c>) held open with <see cref="FileShare.None"/>, which .NET on Unix turns into
/// an advisory <c>flock</c>. The kernel releases it when the process ends however it ends, so a lock
/// cannot outlive its holder; the file holds the holder's pid, host and start time, which name a lock
/// file left behind by a process that died before deleting it.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _file;

    public string Path { get; }

    private OutputLock(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    /// <summary>
    /// Takes the lock at <paramref name="path"/>; <paramref name="notice"/> hears of a lock file left by a
    /// process that ended without removing it. Throws <see cref="OutputException"/> when another process holds it.
    /// </summary>
    public static OutputLock Acquire(string path, string directoryShown, Action<string>? notice)
    {
        // The holder deletes the file before closing it: if that happened between our open and our lock,
        // we hold a file no one else can see, so open again.
        for (int attempt = 0; ; attempt++)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (File.Exists(path))
            {
                throw new OutputException(OutputProblem.Unavailable,
                    $"{directoryShown} is being written by another sim process (it holds {path}); wait for it to finish, or write to another --out directory", e);
            }
            if (!File.Exists(path) && attempt < 3)
            {
                file.Dispose();
                continue;
            }
            var left = new StreamReader(file, leaveOpen: true).ReadToEnd().Trim();
            if (left.Length > 0)
                notice?.Invoke($"{path} was left by a sim that is no longer running ({left}); taking it over");
            file.SetLength(0);
            file.Position = 0;
            using (var w = new StreamWriter(file, leaveOpen: true))
                w.Write($"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\n");
            file.Flush(flushToDisk: true);
            return new OutputLock(path, file);
        }
    }

    /// <summary>Removes the lock file, then lets the lock go.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The lock is released below all the same; a leftover file is taken over by the next writer.
        }
        _file.Dispose();
    }
}
