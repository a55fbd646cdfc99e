namespace Sim.Plotting;

/// <summary>
/// The parts of <c>report.html</c> built from the results alone (<see cref="HtmlReport.Sections"/>): the interactive
/// charts' markup and their drawing script, and the trace timeline's markup and its filter script; empty strings
/// for parts the results do not have.
/// </summary>
public sealed record HtmlSections(string Interactive, string Draw, string Trace, string Filter);
