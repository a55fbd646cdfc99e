using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary><c>sim schema --out DIR</c> writes the schemas docs/schema ships, byte for byte, so regenerating them is one command.</summary>
public sealed class SchemaCommandTests
{
    [Fact]
    public void Schema_WritesTheShippedSchemas()
    {
        var dir = TempDir("schema");
        try
        {
            var (exit, output, error) = Exec("schema", "--out", dir);
            Assert.True(exit == 0, error);
            foreach (var file in new[] { "model.schema.json", "experiment.schema.json" })
            {
                Assert.Contains(file, output);
                var shipped = File.ReadAllText(Path.Combine(ShippedExperimentTests.RepoRoot(), "docs", "schema", file)).ReplaceLineEndings("\n");
                Assert.Equal(shipped, File.ReadAllText(Path.Combine(dir, file)));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ListKeys_PrintsEachBlocksKeysWithTheFormOfTheirValues()
    {
        var (exit, output, error) = Exec("list", "keys");
        Assert.True(exit == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.Trim() == "architectures.NAME.broker:");
        Assert.Contains(lines, l => l.TrimStart().StartsWith("replica.lag.time.max.ms ", StringComparison.Ordinal) && l.Contains("bare number is milliseconds", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("acks ", StringComparison.Ordinal) && l.EndsWith("one of all, -1, 0, 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("sim.gc.pause ", StringComparison.Ordinal) && l.Contains("distribution", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("emit.checkpoints.interval.seconds ", StringComparison.Ordinal) && l.Contains("bare number is seconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_IntoAPathThatIsAFile_FailsWithItsExitCode()
    {
        var file = TempDir("schema-file");
        File.WriteAllText(file, "");
        try
        {
            var (exit, _, error) = Exec("schema", "--out", file);
            Assert.Equal(ExitCodes.OutputUnavailable, exit);
            Assert.Contains("cannot write", error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
