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
