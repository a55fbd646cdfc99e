namespace Sim.Experiments.Spec;

/// <summary>One line on each architecture template, for <c>sim list</c> and the docs, read from the loader's template table.</summary>
public static class ArchitectureCatalog
{
    public static IReadOnlyList<(string Name, string Description)> Descriptions => ArchitectureSection.Descriptions;
}
