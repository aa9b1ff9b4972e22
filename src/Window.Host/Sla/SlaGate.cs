using Window.Host.Hosting;

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

/// <summary>Runs a pass at start (once the host has started: migrations done, silo up) and then every period.</summary>
public abstract partial class PeriodicPass(SlaOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes read "now" from (and the timer ticks on).</summary>
    protected TimeProvider Clock { get; } = time;

    /// <summary>One pass: what a tick does.</summary>
    protected abstract Task PassAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.WatchPeriod, Clock);
        do
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A failed tick (database briefly away, silo shutting down) is retried by the next one.
                LogPassFailed(exception, GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pass} failed; the next tick retries")]
    private partial void LogPassFailed(Exception exception, string pass);
}
