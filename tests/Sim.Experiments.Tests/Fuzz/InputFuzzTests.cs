using FsCheck;
using FsCheck.Fluent;
using Sim.Experiments.Models;
using Sim.Experiments.Spec;
using Sim.Experiments.Tests.Support;
using Sim.Experiments.Yaml;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Tests.Fuzz;

/// <summary>
/// Fuzzes the input path <c>sim validate</c> takes (the file kind decided on its top-level keys, then the
/// model or experiment loader, <c>--set</c> options included) with the shipped experiments and models
/// mutated by FsCheck generators: keys, values, units, structure, aliases, tags, second documents, NUL
/// bytes, cuts. Every input must be accepted, or refused with an <see cref="InputException"/> whose every
/// problem names its file and line (or the <c>--set</c> option) in a bounded message; nothing else may be
/// thrown. Work is bounded by the loader's budgets, not by a timing assertion; the allocation per input is
/// checked against a generous bound so a budget that stops working shows up here.
/// </summary>
public sealed class InputFuzzTests(ITestOutputHelper output)
{
    /// <summary>How many inputs one run of the suite tries (a fixed seed, so every run tries the same ones).</summary>
    public const int Inputs = 200;

    private sealed record Base(string Path, FuzzNode Tree);

    private sealed record Input(int File, IReadOnlyList<Mutation> Mutations, IReadOnlyList<(int Key, int Value)> Sets);

    private static readonly IReadOnlyList<Base> Bases = LoadBases();

    /// <summary>Every key written in a shipped file, for renames and additions that land on real names.</summary>
    private static readonly IReadOnlyList<string> KeyPool = Bases.SelectMany(b => b.Tree.Walk()).SelectMany(x => x.Node.Entries.Select(e => e.Key))
        .Concat(LimitKeys.Names.Select(n => $"limits.{n}")).Append("limits").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static readonly string[] SetValues =
        ["-1", "1us", "1e12/s", "&a [*a]", "[[[[[[]]]]]]", "{a: &b [*b]}", "0", "1000000000", "!custom x", "2", "auto", "1ns", "1", "all", "[1, 2, 3]"];

    private static IReadOnlyList<Base> LoadBases()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "experiments"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepoRoot.Models, "*.yaml")).Order(StringComparer.Ordinal);
        var bases = new List<Base>();
        foreach (var f in files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(f)));
            bases.Add(new Base(f, FuzzNode.Of(stream.Documents[0].RootNode)));
        }
        return bases;
    }

    private static Gen<Input> Generator()
    {
        var mutation = from kind in Gen.Choose(0, InputMutator.TreeKinds + InputMutator.TextKinds - 1)
                       from a in Gen.Choose(0, int.MaxValue - 1)
                       from b in Gen.Choose(0, int.MaxValue - 1)
                       select new Mutation(kind, a, b);
        // Text mutations (a cut, a NUL) end most inputs' interest at once, so tree mutations are drawn more often.
        var treeMutation = from kind in Gen.Choose(0, InputMutator.TreeKinds - 1)
                           from a in Gen.Choose(0, int.MaxValue - 1)
                           from b in Gen.Choose(0, int.MaxValue - 1)
                           select new Mutation(kind, a, b);
        var set = from k in Gen.Choose(0, int.MaxValue - 1) from v in Gen.Choose(0, int.MaxValue - 1) select (k, v);
        return from file in Gen.Choose(0, Bases.Count - 1)
               from count in Gen.Choose(1, 4)
               from tree in Gen.ListOf(treeMutation, count)
               from text in Gen.Frequency((6, Gen.Constant(new List<Mutation>())), (1, Gen.ListOf(mutation, 1)))
               from sets in Gen.Frequency((4, Gen.Constant(new List<(int, int)>())), (1, Gen.ListOf(set, 1)))
               select new Input(file, [.. tree, .. text], sets);
    }

    [Fact]
    public void MutatedShippedFiles_AreAcceptedOrRefusedWithLocatedMessages_NeverAnotherException()
    {
        var inputs = Gen.Sample(Generator(), Inputs, new Rnd(20261202UL), 30);
        int accepted = 0, refused = 0;
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            var b = Bases[input.File];
            var log = new List<string>();
            var text = InputMutator.Apply(b.Tree.Clone(), input.Mutations, KeyPool, log);
            var sets = input.Sets.Select(s => $"{KeyPool[s.Key % KeyPool.Count]}={SetValues[s.Value % SetValues.Length]}").ToList();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                if (ModelLoader.IsModel(text)) ModelLoader.Load(b.Path, text);
                else ExperimentLoader.Load(b.Path, text, sets);
                accepted++;
            }
            catch (InputException e)
            {
                refused++;
                foreach (var d in e.Diagnostics)
                {
                    bool located = d.File.Length > 0 && (d.Line > 0 || d.File.StartsWith("--set", StringComparison.Ordinal));
                    if (!located || d.ToString().Length > 2000) failures.Add($"{Describe(b, log, sets)}: unlocated or unbounded: {Diagnostic.Printable(d.ToString(), 600)}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{Describe(b, log, sets)}: {e.GetType().Name}: {Diagnostic.Printable(e.ToString(), 1500)}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 2L * 1024 * 1024 * 1024) failures.Add($"{Describe(b, log, sets)}: allocated {allocated / (1024 * 1024)} MB");
        }
        output.WriteLine($"input fuzz: {inputs.Length} inputs tried, {accepted} accepted, {refused} refused with located messages, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.Equal(Inputs, accepted + refused);
    }

    private static string Describe(Base b, List<string> log, List<string> sets) =>
        $"{Path.GetFileName(b.Path)} with [{string.Join("; ", log)}]" + (sets.Count > 0 ? $" and --set {string.Join(" --set ", sets)}" : "");
}
