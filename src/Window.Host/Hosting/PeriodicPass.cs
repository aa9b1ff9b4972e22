namespace Window.Host.Hosting;

/// <summary>Runs a pass at start (once the host has started: migrations done, silo up) and then every <c>period</c>; a failed pass is logged and the next tick retries.</summary>
public abstract partial class PeriodicPass(TimeSpan period, TimeProvider time, IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
{
    /// <summary>The clock the passes read "now" from (and the timer ticks on).</summary>
    protected TimeProvider Clock { get; } = time;

    /// <summary>One pass: what a tick does.</summary>
    protected abstract Task PassAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        using var timer = new PeriodicTimer(period, Clock);
        do
        {
            try
            {
                // On the thread pool, never inline on whoever made the timer tick: a test's fake clock wakes the timer on the
                // test's own thread (and its synchronization context), and a pass that waited there for SQLite's writer lock
                // held the thread the lock's owner needed to finish (a whole-suite run hung on it).
                await Task.Run(() => PassAsync(stoppingToken), CancellationToken.None).ConfigureAwait(false);
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
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pass} failed; the next tick retries")]
    private partial void LogPassFailed(Exception exception, string pass);
}
