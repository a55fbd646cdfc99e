using System.Globalization;
using Sim.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sim.Cli;

/// <summary>
/// The few headline figures of each sweep point that <c>sim run</c> prints when it finishes: a table with a
/// header per column in words and units (from <see cref="MetricCatalog"/>, swept keys by
/// <see cref="ParameterLabel"/>), numbers right-aligned and rounded for reading. The full tables are the CSV
/// files; this is what a person glances at.
/// </summary>
public static class SummaryTable
{
    // app_down_s beside availability and rto_s: those two leave out applications that went dark with their site.
    private static readonly string[] Shown =
        ["produce_latency_ms_p99", "availability", "acked_records_lost", "rto_s", "app_down_s", "transfer_cost_usd", "cost_month_usd"];

    /// <summary>Writes the table to <paramref name="output"/> as plain text (no colours or control codes), at most <paramref name="width"/> columns wide.</summary>
    public static void Write(ExperimentResults results, TextWriter output, int width = 240)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        var swept = results.SweptKeys.Where(k => k != "architecture").ToList();
        // A metric no point measured (a cost the experiment has no prices for) gets no column.
        var metrics = Shown.Where(m => results.Summary.Any(r => r.Metric(m) is not null)).ToList();
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(new Text("point")).RightAligned());
        table.AddColumn(new TableColumn(new Text("architecture")));
        foreach (var k in swept) table.AddColumn(new TableColumn(new Text(ParameterLabel.Of(k))));
        foreach (var m in metrics) table.AddColumn(new TableColumn(new Text(MetricCatalog.Find(m)?.LabelWithUnit ?? m)).RightAligned());
        foreach (var row in results.Summary)
        {
            var cells = new List<IRenderable> { new Text(row.PointId.ToString(CultureInfo.InvariantCulture)), new Text(row.Architecture) };
            cells.AddRange(swept.Select(k => new Text(row.Parameters.FirstOrDefault(p => p.Key == k)?.Value ?? "")));
            cells.AddRange(metrics.Select(m => new Text(Format(row.Metric(m)?.Mean ?? double.NaN))));
            table.AddRow(cells);
        }
        console.Write(table);
    }

    /// <summary>Rounded for reading: whole numbers from 100 up, two decimals from 1, five significant places below (availability 0.99987).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "-";
        double a = Math.Abs(value);
        string format = a >= 100 ? "#,0" : a >= 1 ? "0.##" : a == 0 ? "0" : "0.#####";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
