using System.Globalization;
using Sim.Experiments.Running;
using Sim.Results;

namespace Sim.Cli;

/// <summary>The terminal's lines for a capacity search: per sweep point, the limit, the bracket, the probes and what broke above the limit.</summary>
internal static class SearchSummary
{
    public static void Print(ExperimentResults results, TextWriter stdout)
    {
        var search = results.Search!;
        var keys = results.SweptKeys.Where(k => k != "architecture" && k != search.Key).ToList();
        stdout.WriteLine(string.Join("  ", ["point", "architecture".PadRight(16), .. keys.Select(k => k.PadRight(Math.Max(8, k.Length))), "limit".PadRight(14), "broke at".PadRight(14), "probes", "outcome", "failed above / binding"]));
        foreach (var o in results.Searches)
        {
            var cells = new List<string> { o.SweepPoint.ToString(CultureInfo.InvariantCulture).PadRight(5), o.Architecture.PadRight(16) };
            cells.AddRange(keys.Select(k => (o.Parameters.FirstOrDefault(p => p.Key == k)?.Value ?? "").PadRight(Math.Max(8, k.Length))));
            cells.Add(Value(o.Limit, search.Unit).PadRight(14));
            cells.Add(Value(o.BracketHigh, search.Unit).PadRight(14));
            cells.Add(o.Probes.Count.ToString(CultureInfo.InvariantCulture).PadRight(6));
            cells.Add(SearchTable.VerdictName(o.Verdict));
            cells.Add(string.Join("; ", o.FailedAbove) + (o.BindingMetric is { } b ? $" / {o.BindingResource ?? b} {ResultsWriter.Number(Math.Round(o.BindingUtilisation, 3))}" : ""));
            stdout.WriteLine(string.Join("  ", cells));
        }
    }

    private static string Value(double x, string unit) => double.IsNaN(x) ? "-" : ResultsWriter.Number(x) + unit;
}
