namespace Window.Host.Sla;

/// <summary>
/// Serialises this process's watcher and dispatcher passes (the background loops and an operator's
/// <c>POST /api/sla/watch</c>), so a requested pass returns only after any pass in flight has finished. Other
/// processes are not serialised: exactly-once holds across them through the grain and the outbox's claims.
/// </summary>
public sealed class SlaGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Runs one pass alone in this process.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await pass();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();
}
