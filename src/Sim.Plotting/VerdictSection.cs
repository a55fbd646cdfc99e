using System.Globalization;
using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The report's opening <c>## What this study shows</c>: every design judged against the targets the experiment
/// states (<see cref="ExperimentResults.Targets"/>). A headline table names, per target, the design that meets it at
/// the most sweep points; then, per target, each sweep point's figure with its 95% interval and whether it meets the
/// target, the swept key that moves the figure most, and a warning where the replications are too few to tell the
/// designs apart (their intervals overlap) or to tell a figure from its threshold (the interval straddles it).
/// Last, the monthly cost when the results measure it. A verdict is drawn from the summary rows alone.
/// </summary>
internal static class VerdictSection
{
    /// <summary>The monthly cost column, when the results carry one.</summary>
    public const string CostMetric = "cost_month_usd";

    /// <summary>How a sweep point stands against a target.</summary>
    private enum Standing { Meets, MeetsNarrowly, MissesNarrowly, Misses, NotMeasured }

    public static void Write(StringBuilder md, ExperimentResults results)
    {
        // A capacity search's rows are probes at loads the search chose; its own section says what it found.
        if (results.Search is not null || results.Summary.Count == 0) return;
        md.Append("## What this study shows\n\n");
        var context = new ChartContext(results);
        if (results.Targets.Count == 0)
        {
            md.Append("The experiment states no targets (`targets:`, see docs/experiments.md), so no design is judged; the summary below gives every figure.\n\n");
        }
        else
        {
            md.Append("Each design judged against the targets the experiment states, at every sweep point, on the mean over its replications; ")
              .Append("the figures carry the half-width of their 95% confidence interval (Student's t).\n\n");
            WriteHeadline(md, context);
            foreach (var target in results.Targets) WriteTarget(md, context, target);
        }
        WriteCost(md, context);
    }

    private static void WriteHeadline(StringBuilder md, ChartContext context)
    {
        var header = new List<string> { "target" };
        header.AddRange(context.Architectures);
        header.Add("design that meets it");
        md.Append(Row(header)).Append("|---|").Append(string.Concat(context.Architectures.Select(_ => "---|"))).Append("---|\n");
        foreach (var target in context.Results.Targets)
        {
            var cells = new List<string> { TargetText(target) };
            var met = new List<(string Design, int Met, int Measured, double Figure)>();
            foreach (var design in context.Architectures)
            {
                var rows = Rows(context, design);
                var standings = rows.Select(r => StandingOf(target, r.Metric(target.Metric))).ToList();
                int measured = standings.Count(s => s != Standing.NotMeasured), meets = standings.Count(Meets);
                cells.Add(Tally(meets, measured, rows.Count));
                var means = rows.Select(r => ChartContext.Mean(r, target.Metric)).Where(double.IsFinite).ToList();
                if (measured > 0) met.Add((design, meets, measured, means.Count == 0 ? double.NaN : means.Average()));
            }
            cells.Add(Choice(target, met));
            md.Append(Row(cells));
        }
        md.Append('\n');
    }

    private static string Tally(int meets, int measured, int points)
    {
        if (measured == 0) return "not measured";
        var of = measured == points ? "" : $" ({points - measured} not measured)";
        if (meets == measured) return (measured == 1 ? "meets" : $"meets at all {measured} points") + of;
        if (meets == 0) return (measured == 1 ? "misses" : $"misses at all {measured} points") + of;
        return $"meets at {meets} of {measured} points" + of;
    }

    /// <summary>The design meeting the target at the most points, ties broken by the better average figure; "none" names the closest.</summary>
    private static string Choice(SlaTerm target, List<(string Design, int Met, int Measured, double Figure)> met)
    {
        if (met.Count == 0) return "not measured";
        bool higher = target.Op.StartsWith('>');
        var ranked = met.OrderByDescending(m => (double)m.Met / m.Measured)
            .ThenBy(m => higher ? -m.Figure : m.Figure)
            .ToList();
        var best = ranked[0];
        if (best.Met == 0) return $"none (closest: {best.Design})";
        var tied = ranked.Where(m => m.Met == m.Measured).Select(m => m.Design).ToList();
        if (tied.Count > 1) return string.Join(", ", tied) + " (all points)";
        return best.Met == best.Measured ? $"**{best.Design}**" : $"{best.Design} (at {best.Met} of {best.Measured} points)";
    }

    private static void WriteTarget(StringBuilder md, ChartContext context, SlaTerm target)
    {
        md.Append($"### {TargetText(target)}\n\n");
        var keys = context.VaryingKeys;
        var header = new List<string> { "design" };
        header.AddRange(keys.Select(context.ShortKey));
        header.Add(ChartContext.MetricLabel(target.Metric));
        header.Add("verdict");
        md.Append(Row(header)).Append('|').Append(string.Concat(header.Select((_, i) => i < keys.Count + 1 ? "---|" : i == keys.Count + 1 ? "---:|" : "---|"))).Append('\n');
        foreach (var row in context.Results.Summary)
        {
            var summary = row.Metric(target.Metric);
            var cells = new List<string> { row.Architecture };
            cells.AddRange(keys.Select(k => ChartContext.ValueOf(row.Parameters, k) ?? ""));
            var figure = summary is null ? "n/a" : ReportNumbers.MeanWithCi(target.Metric, summary.Mean, summary.Ci95, summary.Count);
            cells.Add(ReportWriter.LeavesOutDarkApps(row, target.Metric) ? figure + ReportWriter.DarkMark : figure);
            cells.Add(Describe(StandingOf(target, summary)));
            md.Append(Row(cells));
        }
        md.Append('\n');
        foreach (var row in context.Results.Summary.Where(r => StandingOf(target, r.Metric(target.Metric)) is Standing.Misses or Standing.MissesNarrowly))
        {
            var at = context.VaryingKeys.Count == 0 ? "" : " at " + context.ParameterLabel(row.Parameters);
            md.Append($"- **Why {row.Architecture} misses{at}:** {TargetMisses.Why(target.Metric, row)}.\n");
        }
        foreach (var line in KnobLines(context, target.Metric)) md.Append($"- {line}\n");
        if (SeparationWarning(context, target.Metric) is { } warning) md.Append($"- **Too few replications:** {warning}\n");
        var narrow = context.Results.Summary.Count(r => StandingOf(target, r.Metric(target.Metric)) is Standing.MeetsNarrowly or Standing.MissesNarrowly);
        if (narrow > 0)
            md.Append($"- At {narrow} sweep point{(narrow == 1 ? "" : "s")} the 95% interval straddles the target, so whether it is met there is not settled by these replications.\n");
        if (context.Results.Summary.Any(r => ReportWriter.LeavesOutDarkApps(r, target.Metric)))
            md.Append($"- {ReportWriter.DarkMark.Trim()} Leaves out the applications that went dark with their site (see the summary).\n");
        md.Append('\n');
    }

    private static Standing StandingOf(SlaTerm target, MetricSummary? summary)
    {
        if (summary is null || !double.IsFinite(summary.Mean)) return Standing.NotMeasured;
        var ci = double.IsFinite(summary.Ci95) ? summary.Ci95 : 0;
        bool mean = target.HoldsFor(summary.Mean);
        bool low = target.HoldsFor(summary.Mean - ci), high = target.HoldsFor(summary.Mean + ci);
        if (mean) return low && high ? Standing.Meets : Standing.MeetsNarrowly;
        return low || high ? Standing.MissesNarrowly : Standing.Misses;
    }

    private static bool Meets(Standing s) => s is Standing.Meets or Standing.MeetsNarrowly;

    private static string Describe(Standing s) => s switch
    {
        Standing.Meets => "meets",
        Standing.MeetsNarrowly => "meets (interval reaches past the target)",
        Standing.MissesNarrowly => "misses (interval reaches the target)",
        Standing.Misses => "**misses**",
        _ => "not measured",
    };

    /// <summary>
    /// Per design, the swept key whose values move the metric's mean most (the spread between the key's best and
    /// worst value, each averaged over the other keys), if that spread exceeds the widest 95% half-width of the
    /// design's points: below it, the replications cannot tell the movement from noise.
    /// </summary>
    private static IEnumerable<string> KnobLines(ChartContext context, string metric)
    {
        if (context.VaryingKeys.Count == 0)
        {
            yield return "Nothing but the design is swept, so no knob is measured.";
            yield break;
        }
        foreach (var design in context.Architectures)
        {
            var rows = Rows(context, design).Where(r => double.IsFinite(ChartContext.Mean(r, metric))).ToList();
            if (rows.Count < 2) continue;
            var noise = rows.Max(r => ChartContext.Ci95(r, metric));
            var moves = context.VaryingKeys.Select(k => Spread(rows, k, metric)).Where(s => s.Low.Value is not null).OrderByDescending(s => s.High.Mean - s.Low.Mean).ToList();
            if (moves.Count == 0) continue;
            var top = moves[0];
            var spread = top.High.Mean - top.Low.Mean;
            if (spread <= noise || spread == 0)
            {
                yield return $"{design}: no swept key moves it beyond the noise of its replications.";
                continue;
            }
            yield return $"{design}: `{top.Key}` moves it most, from {Figure(metric, top.Low.Mean)} at {top.Low.Value} to {Figure(metric, top.High.Mean)} at {top.High.Value}.";
        }
    }

    private sealed record Level(string? Value, double Mean);

    private static (string Key, Level Low, Level High) Spread(List<SummaryRow> rows, string key, string metric)
    {
        var levels = rows.GroupBy(r => ChartContext.ValueOf(r.Parameters, key) ?? "")
            .Select(g => new Level(g.Key, g.Average(r => ChartContext.Mean(r, metric))))
            .ToList();
        if (levels.Count < 2) return (key, new Level(null, 0), new Level(null, 0));
        return (key, levels.MinBy(l => l.Mean)!, levels.MaxBy(l => l.Mean)!);
    }

    /// <summary>The points where two designs' means differ but their 95% intervals overlap, or null when every pair separates.</summary>
    private static string? SeparationWarning(ChartContext context, string metric)
    {
        if (context.Architectures.Count < 2) return null;
        var replications = context.Results.Replications;
        var clashes = new List<string>();
        foreach (var point in context.Results.Summary.GroupBy(r => context.ParameterLabel(r.Parameters)))
        {
            var rows = point.Where(r => double.IsFinite(ChartContext.Mean(r, metric))).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                for (var j = i + 1; j < rows.Count; j++)
                {
                    double a = ChartContext.Mean(rows[i], metric), b = ChartContext.Mean(rows[j], metric);
                    if (a == b) continue;
                    bool overlap = replications < 2 || Math.Abs(a - b) <= ChartContext.Ci95(rows[i], metric) + ChartContext.Ci95(rows[j], metric);
                    if (overlap) clashes.Add($"{rows[i].Architecture} and {rows[j].Architecture}" + (point.Key.Length == 0 ? "" : $" at {point.Key}"));
                }
            }
        }
        if (clashes.Count == 0) return null;
        var why = replications < 2 ? "one replication per point gives no interval" : "their 95% intervals overlap";
        return $"{string.Join("; ", clashes)} cannot be told apart ({why}); raise `replications` (now {replications}) to separate them.";
    }

    private static void WriteCost(StringBuilder md, ChartContext context)
    {
        md.Append("### Monthly cost\n\n");
        var measured = context.Results.Summary.Any(r => double.IsFinite(ChartContext.Mean(r, CostMetric)));
        if (!measured)
        {
            md.Append($"Not measured: these results have no `{CostMetric}` column.\n\n");
            return;
        }
        foreach (var design in context.Architectures)
        {
            var rows = Rows(context, design).Where(r => double.IsFinite(ChartContext.Mean(r, CostMetric))).ToList();
            if (rows.Count == 0) { md.Append($"- {design}: not measured\n"); continue; }
            var low = rows.MinBy(r => ChartContext.Mean(r, CostMetric))!;
            var high = rows.MaxBy(r => ChartContext.Mean(r, CostMetric))!;
            var text = Cost(low) + (low == high ? "" : $" ({context.ParameterLabel(low.Parameters)}) to {Cost(high)} ({context.ParameterLabel(high.Parameters)})");
            md.Append($"- {design}: {text} per month\n");
        }
        md.Append('\n');
    }

    private static string Cost(SummaryRow row)
    {
        var m = row.Metric(CostMetric)!;
        return "$" + ReportNumbers.MeanWithCi(CostMetric, m.Mean, m.Ci95, m.Count);
    }

    private static List<SummaryRow> Rows(ChartContext context, string design) =>
        context.Results.Summary.Where(r => r.Architecture == design).ToList();

    /// <summary>The target as a reader says it: <c>produce latency p99 ≤ 50 ms</c>.</summary>
    public static string TargetText(SlaTerm target)
    {
        var info = MetricCatalog.Find(target.Metric);
        var op = target.Op switch { "<=" => "≤", ">=" => "≥", _ => target.Op };
        var unit = info is null || info.Unit.Length == 0 ? "" : " " + info.Unit;
        return $"{info?.Label ?? target.Metric} {op} {target.Threshold.ToString("0.######", CultureInfo.InvariantCulture)}{unit}";
    }

    private static string Figure(string metric, double value)
    {
        var unit = MetricCatalog.Find(metric)?.Unit ?? "";
        return ReportNumbers.Format(metric, value) + (unit.Length == 0 ? "" : " " + unit);
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |\n";
}
