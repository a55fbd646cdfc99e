using System.CommandLine;
using Sim.Experiments.Schema;

namespace Sim.Cli;

/// <summary>
/// <c>sim schema [--out DIR]</c>: writes the JSON Schemas of model and experiment files, generated from the
/// loader's key tables, into docs/schema (or DIR). Editors with a YAML language server read them from the
/// first line of each shipped file; a test fails when the shipped schemas differ from what this writes.
/// </summary>
public static class SchemaCommand
{
    public static Command Build()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write model.schema.json and experiment.schema.json into (default: docs/schema)" };
        var cmd = new Command("schema", "Write the JSON Schemas of model and experiment files (for editors' completion and checking)") { output };
        cmd.SetAction(r =>
        {
            string directory = r.GetValue(output)?.FullName ?? Path.Combine("docs", "schema");
            try
            {
                foreach (var path in JsonSchemas.Write(directory)) r.InvocationConfiguration.Output.WriteLine($"wrote {path}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                r.InvocationConfiguration.Error.WriteLine($"sim schema: cannot write {directory}: {e.Message}");
                return ExitCodes.OutputUnavailable;
            }
        });
        return cmd;
    }
}
