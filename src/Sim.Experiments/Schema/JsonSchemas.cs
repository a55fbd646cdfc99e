using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sim.Experiments.Schema;

/// <summary>
/// The JSON Schemas (draft 2020-12) of model and experiment files that ship under docs/schema, generated
/// from the loader's key tables. A shipped file names its schema in its first line
/// (<c># yaml-language-server: $schema=...</c>), so editors with a YAML language server complete and check
/// its keys; <c>sim schema --out docs/schema</c> writes them again after a key is added.
/// </summary>
public static class JsonSchemas
{
    public const string ModelFile = "model.schema.json";
    public const string ExperimentFile = "experiment.schema.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema files by name, as they are written (indented JSON ending with a newline).</summary>
    public static IReadOnlyList<(string File, string Json)> All() =>
    [
        (ModelFile, Text(ModelSchema.Build())),
        (ExperimentFile, Text(ExperimentSchema.Build())),
    ];

    /// <summary>Writes every schema into <paramref name="directory"/>, creating it; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (file, json) in All())
        {
            var path = Path.Combine(directory, file);
            File.WriteAllText(path, json);
            paths.Add(path);
        }
        return paths;
    }

    private static string Text(JsonObject schema) => schema.ToJsonString(Options).ReplaceLineEndings("\n") + "\n";
}
