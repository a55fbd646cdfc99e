using System.Reflection;

namespace Sim.Conventions.Tests;

/// <summary>
/// The model never reads configuration and never writes files: model assemblies reference no YAML,
/// CSV, plotting or command-line library. Checked on the compiled references, so a new using or a
/// package added to a model project fails here.
/// </summary>
public class ModelPurityTests
{
    private static readonly string[] ForbiddenInModel = ["YamlDotNet", "CsvHelper", "ScottPlot", "System.CommandLine", "SkiaSharp"];

    public static TheoryData<string> ModelAssemblies => new()
    {
        typeof(Sim.Core.Scheduling.Scheduler).Assembly.GetName().Name!,
        typeof(Sim.Network.Transport.Network).Assembly.GetName().Name!,
        typeof(Sim.Kafka.KafkaCluster).Assembly.GetName().Name!,
        typeof(Sim.MirrorMaker.MirrorMakerDeployment).Assembly.GetName().Name!,
        typeof(Sim.Architectures.Runtime.Simulation).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(ModelAssemblies))]
    public void ModelAssembly_ReferencesNoInputOutputLibrary(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, r => ForbiddenInModel.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ModelAssemblies))]
    public void ModelAssembly_HasNoStaticMutableFields(string assemblyName)
    {
        // Static mutable state would be shared between runs executing in parallel and break determinism.
        var offenders = Assembly.Load(assemblyName).GetTypes()
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !f.IsInitOnly && !f.Name.Contains('<'))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(ModelAssemblies))]
    public void ModelAssembly_DeclaresOneTopLevelTypePerFileName(string assemblyName)
    {
        // A proxy for "one type per file": public top-level type names are unique within an assembly.
        var names = Assembly.Load(assemblyName).GetTypes().Where(t => t.IsPublic && !t.IsNested).Select(t => t.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
