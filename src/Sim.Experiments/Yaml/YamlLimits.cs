namespace Sim.Experiments.Yaml;

/// <summary>
/// Budgets for reading one YAML file, checked before or while it is read so that no input, careless or
/// hostile, costs more than they allow: the file's size (checked before reading), how deep it nests, how
/// many nodes it holds once aliases are expanded (a billion-laughs file is refused at the first alias that
/// passes it), and how many problems are printed. The keys that raise them are <c>limits.file_size</c>,
/// <c>limits.depth</c>, <c>limits.yaml_nodes</c> and <c>limits.diagnostics</c> (docs/experiments.md).
/// </summary>
public sealed record YamlLimits
{
    public static readonly YamlLimits Default = new();

    /// <summary>The largest file read, in bytes.</summary>
    public long FileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public int Depth { get; init; } = 64;

    /// <summary>
    /// The most nodes (keys, values, items) a file may hold with every alias expanded. Each sweep point
    /// works on its own copy of the experiment, so points x nodes is bounded too, by <see cref="CopiesPerNode"/> times this.
    /// </summary>
    public long Nodes { get; init; } = 100_000;

    /// <summary>How many copies of the budget's worth of nodes the sweep points of one experiment may make between them.</summary>
    public const long CopiesPerNode = 100;

    /// <summary>How many problems are printed; the rest are counted.</summary>
    public int Diagnostics { get; init; } = InputException.DefaultShown;
}
