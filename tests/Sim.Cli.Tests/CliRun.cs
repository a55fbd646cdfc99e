namespace Sim.Cli.Tests;

/// <summary>Runs the <c>sim</c> command line in-process with captured output, and helpers over output directories.</summary>
internal static class CliRun
{
    public static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    public static (int Exit, string Out, string Err) Exec(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sim-cli-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        return dir;
    }

    /// <summary>Every file of an output directory except the manifest, by relative path, as bytes.</summary>
    public static SortedDictionary<string, byte[]> Files(string dir) => new(
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "manifest.json")
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes),
        StringComparer.Ordinal);
}
