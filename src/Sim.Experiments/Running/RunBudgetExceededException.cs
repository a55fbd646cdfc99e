namespace Sim.Experiments.Running;

/// <summary>
/// A run went past one of its budgets (its event cap or its wall-clock time); the message names the
/// <c>limits</c> key that raises the budget, in a form <c>--set</c> accepts.
/// </summary>
public sealed class RunBudgetExceededException(string message, Exception? inner = null) : Exception(message, inner);
