namespace Sim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) as a cancellation token for one command: the first press asks the command to stop
/// at its next safe point and say what it kept; a second press ends the process at once. A caller
/// embedding the CLI (the tests) passes its own token, which interrupts the same way.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly ConsoleCancelEventHandler _onCancel;

    public CancellationToken Token => _cancel.Token;

    public bool Requested => _cancel.IsCancellationRequested;

    public Interruption(CancellationToken external)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(external);
        _onCancel = (_, e) =>
        {
            if (_cancel.IsCancellationRequested) return;
            e.Cancel = true;
            _cancel.Cancel();
        };
        Console.CancelKeyPress += _onCancel;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        _cancel.Dispose();
    }
}
