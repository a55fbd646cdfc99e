namespace Sim.Experiments.Running;

/// <summary>
/// Writes an output directory as a transaction. A command writes into a staging directory beside the
/// target (<c>.NAME.sim-staging</c>, in the same parent, so the final move is a rename on one file
/// system) and <see cref="Commit"/> moves it into place; until then the target keeps its previous
/// results, whole. A run that fails or is interrupted leaves its finished runs in the staging
/// directory, where <c>--resume</c> finds them. While the transaction is open it holds the directory's
/// <see cref="OutputLock"/>, so a second writer is refused. Nothing outside the target's parent is
/// touched, and in the parent only the target and the three hidden names beside it.
/// </summary>
public sealed class OutputTransaction : IDisposable
{
    /// <summary>What sim writes in an output directory (docs/results.md); anything else a user put there is carried over when it is replaced.</summary>
    private static readonly HashSet<string> Owned = new(StringComparer.Ordinal)
    {
        ExperimentInfo.FileName, "manifest.json", "report.md", "runs.csv", "summary.csv", "faults.csv", "runs", "plots", "timeseries", "thresholds.csv",
    };

    private readonly OutputLock _lock;
    private readonly Action<string>? _notice;

    /// <summary>The output directory, as a full path.</summary>
    public string Target { get; }

    /// <summary>Where this transaction writes: the hidden directory beside <see cref="Target"/>.</summary>
    public string Staging { get; }

    /// <summary>Where the previous results wait during the two renames of <see cref="Commit"/>.</summary>
    private string Previous { get; }

    private OutputTransaction(string target, OutputLock held, Action<string>? notice)
    {
        Target = target;
        _lock = held;
        _notice = notice;
        Staging = Beside(target, "sim-staging");
        Previous = Beside(target, "sim-previous");
    }

    private static string Beside(string target, string what) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{what}");

    /// <summary>
    /// Takes <paramref name="directory"/>'s lock, finishes or undoes a replacement a killed process left
    /// half done, and checks that the directory can be replaced. <paramref name="notice"/> hears what was
    /// repaired. Throws <see cref="OutputException"/>, having written nothing but the lock it released.
    /// </summary>
    public static OutputTransaction Begin(string directory, Action<string>? notice = null)
    {
        string target = CheckTarget(directory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(OutputProblem.Usage, $"{directory}: cannot create its parent directory ({e.Message})", e);
        }
        var held = OutputLock.Acquire(Beside(target, "sim-lock"), directory, notice);
        var transaction = new OutputTransaction(target, held, notice);
        try
        {
            transaction.Repair();
            transaction.CheckReplaceable(directory);
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>The full path of an output directory, refusing those that must never be replaced.</summary>
    private static string CheckTarget(string directory)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (Path.GetDirectoryName(target) is null)
            throw new OutputException(OutputProblem.Usage, $"{directory} is the root of a file system; write to a directory inside it");
        if (File.Exists(target))
            throw new OutputException(OutputProblem.Usage, $"{directory} is a file; --out names a directory (a new one, or one sim wrote before)");
        string cwd = Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
        if (Contains(target, cwd))
            throw new OutputException(OutputProblem.Usage, $"{directory} is the working directory or holds it; sim replaces its output directory whole, so write to a directory of its own");
        if (new DirectoryInfo(target).LinkTarget is not null)
            throw new OutputException(OutputProblem.Usage, $"{directory} is a symbolic link; give the directory it points to");
        return target;
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or inside it (full paths).</summary>
    public static bool Contains(string outer, string inner)
    {
        outer = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outer));
        inner = Path.TrimEndingDirectorySeparator(Path.GetFullPath(inner));
        return inner.Equals(outer, StringComparison.Ordinal) ||
               inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>A directory that holds files but none sim writes is not replaced: it may be the user's.</summary>
    private void CheckReplaceable(string shown)
    {
        if (!Directory.Exists(Target) || !Directory.EnumerateFileSystemEntries(Target).Any()) return;
        if (File.Exists(Path.Combine(Target, ExperimentInfo.FileName)) || Directory.Exists(Path.Combine(Target, "runs"))) return;
        throw new OutputException(OutputProblem.Usage,
            $"{shown} holds files that sim did not write (it has no {ExperimentInfo.FileName} and no runs/); sim replaces its output directory whole, so write to a new or empty directory");
    }

    /// <summary>Completes a <see cref="Commit"/> that a killed process left between its two renames, or puts the previous results back.</summary>
    private void Repair()
    {
        if (!Directory.Exists(Previous)) return;
        if (Directory.Exists(Target))
        {
            FinishReplacing();
            _notice?.Invoke($"finished replacing {Target}, which a killed sim left half done");
        }
        else
        {
            Directory.Move(Previous, Target);
            _notice?.Invoke($"put back the previous results of {Target}, which a killed sim had moved aside");
        }
    }

    /// <summary>An empty staging directory; what an interrupted run left there is discarded (a run without --resume starts afresh).</summary>
    public string StartFresh()
    {
        if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        Directory.CreateDirectory(Staging);
        return Staging;
    }

    /// <summary>
    /// A staging directory holding every run already finished for this output: those of the target and
    /// those an interrupted run left in staging. Every one must belong to the experiment with
    /// <paramref name="hash"/>; that is checked before anything is written, and a refusal
    /// (<see cref="OutputException"/>) leaves both directories as they were.
    /// </summary>
    public string StartResume(string hash)
    {
        foreach (var dir in new[] { Target, Staging })
        {
            if (File.Exists(Path.Combine(dir, ExperimentInfo.FileName)) && ExperimentInfo.Read(dir).Hash != hash)
                throw new OutputException(OutputProblem.Input, $"{Shown(dir)} holds runs of a different version of the experiment (its file, model or --set options changed); " +
                                                               "run without --resume to start afresh, or use another --out directory");
            var store = new RunStore(dir);
            foreach (var (runHash, run) in store.LoadAll())
            {
                if (runHash != hash)
                    throw new OutputException(OutputProblem.Input, $"{store.PathOf(run.RunId)} was produced by a different version of the experiment (its file, model or --set options changed); " +
                                                                   "run without --resume to start afresh, or use another --out directory");
            }
        }
        new RunStore(Staging).CopyMissingFrom(new RunStore(Target));
        return Staging;
    }

    private string Shown(string dir) => dir == Staging ? $"{Target} (its unfinished run in {Staging})" : dir;

    /// <summary>
    /// Moves the staging directory into place: the previous results are renamed aside, the staging
    /// directory renamed to the target, what the user kept in the previous directory (anything sim does
    /// not write) moved across, and the previous results deleted. Each step is a rename; if the process
    /// is killed between them, the next <see cref="Begin"/> on this directory completes or undoes it.
    /// </summary>
    public void Commit()
    {
        bool replacing = Directory.Exists(Target);
        if (replacing) Directory.Move(Target, Previous);
        Directory.Move(Staging, Target);
        if (replacing) FinishReplacing();
    }

    private void FinishReplacing()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Previous))
        {
            string name = Path.GetFileName(entry);
            string moved = Path.Combine(Target, name);
            if (Owned.Contains(name) || AtomicFile.IsTemporary(name) || Path.Exists(moved)) continue;
            if (Directory.Exists(entry)) Directory.Move(entry, moved);
            else File.Move(entry, moved);
        }
        Directory.Delete(Previous, recursive: true);
    }

    /// <summary>Releases the lock. The staging directory of an unfinished transaction stays for --resume.</summary>
    public void Dispose() => _lock.Dispose();
}
