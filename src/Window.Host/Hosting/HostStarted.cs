namespace Window.Host.Hosting;

/// <summary>For background services that must not run before the host has started (migrations done, silo up).</summary>
internal static class HostStarted
{
    /// <summary>Waits for <see cref="IHostApplicationLifetime.ApplicationStarted"/>; <see langword="false"/> when stopping came first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
