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

    /// <summary>Runs the command line and interrupts it, as Ctrl-C would, as soon as it prints a line containing <paramref name="onLine"/>.</summary>
    public static (int Exit, string Out, string Err) ExecInterrupted(string onLine, params string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        var stdout = new InterruptingWriter(onLine, interrupt);
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr, interrupt.Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private sealed class InterruptingWriter(string text, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(text, StringComparison.Ordinal)) interrupt.Cancel();
        }
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
