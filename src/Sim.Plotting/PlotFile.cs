namespace Sim.Plotting;

/// <summary>
/// One chart <see cref="PlotSet.Draw"/> wrote: its file name inside the plots directory (no directory part,
/// so the report can link it as <c>plots/&lt;FileName&gt;</c>), the title drawn on it and a caption that says
/// how to read it (what each mark is, what was pooled, where an axis does not start at zero).
/// </summary>
public sealed record PlotFile(string FileName, string Title, string Caption);
