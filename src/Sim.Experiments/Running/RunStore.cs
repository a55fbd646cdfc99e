using System.Text.Encodings.Web;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// The finished runs of an output directory, one file each (<c>runs/000042.json</c>), written atomically
/// as each run ends. They are what <c>--resume</c> skips, what <c>sim merge</c> joins, and what every
/// table and plot is computed from. Each file carries the hash of the experiment that produced it, so
/// runs of a changed experiment are never mixed with new ones.
/// </summary>
public sealed class RunStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Written for people and scripts, not embedded in HTML: "a->b" and "<" stay as they are, not \u003E.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public string Directory { get; } = Path.Combine(directory, "runs");

    private sealed record StoredRun(string ExperimentHash, RunRecord Run);

    public string PathOf(int runId) => Path.Combine(Directory, runId.ToString("D6", CultureInfo.InvariantCulture) + ".json");

    public void Save(string experimentHash, RunRecord run) =>
        AtomicFile.WriteAllText(PathOf(run.RunId), JsonSerializer.Serialize(new StoredRun(experimentHash, run), Json) + "\n");

    /// <summary>Every stored run, in run-id order, with the hash of the experiment it came from.</summary>
    public IReadOnlyList<(string Hash, RunRecord Run)> LoadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var result = new List<(string, RunRecord)>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            StoredRun? stored;
            try
            {
                stored = JsonSerializer.Deserialize<StoredRun>(File.ReadAllText(file), Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file}: not a run record ({e.Message}); remove it to run it again", e);
            }
            if (stored?.Run is null) throw new InvalidDataException($"{file}: empty run record; remove it to run it again");
            result.Add((stored.ExperimentHash, stored.Run));
        }
        return result.OrderBy(x => x.Item2.RunId).ToList();
    }

    /// <summary>Copies into this store the runs of <paramref name="other"/> it does not hold yet (file by file, each atomically).</summary>
    public void CopyMissingFrom(RunStore other)
    {
        if (!System.IO.Directory.Exists(other.Directory)) return;
        foreach (var file in System.IO.Directory.EnumerateFiles(other.Directory, "*.json").Order(StringComparer.Ordinal))
        {
            string copy = Path.Combine(Directory, Path.GetFileName(file));
            if (!File.Exists(copy)) AtomicFile.WriteAllBytes(copy, File.ReadAllBytes(file));
        }
    }

    /// <summary>Removes every stored run (a fresh run into a used directory without <c>--resume</c>).</summary>
    public void Clear()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
