using Window.Contracts;
using Window.Storage.ReadModel;

namespace Window.Host.Hosting;

/// <summary>
/// Once the host has started, brings every case whose read model is behind its grain state up to date: a crash between
/// a command's state write and its projection left the state ahead, and nothing but the case's next activation would
/// repair it, so until then its steps would be missing from the queues, the search and the SLA watcher's view. Each such
/// case is activated (<see cref="ICaseGrain.CatchUpAsync"/>): activation compares the versions and projects.
/// </summary>
public sealed partial class ProjectionRepair(
    ProjectionLag lag,
    WindowSettings settings,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<ProjectionRepair> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private const int Parallelism = 4;

    /// <summary>Repairs until no case is behind (or a batch makes no progress); returns how many cases were activated.</summary>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        var repaired = 0;
        IReadOnlyList<string> previous = [];
        while (true)
        {
            var behind = await lag.CasesBehindAsync(settings.ServiceId, BatchSize, cancellationToken);
            if (behind.Count == 0)
            {
                return repaired;
            }

            if (behind.SequenceEqual(previous, StringComparer.Ordinal))
            {
                LogNoProgress(behind.Count, behind[0]);
                return repaired;
            }

            await Parallel.ForEachAsync(behind, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (caseId, _) => await grains.GetGrain<ICaseGrain>(caseId).CatchUpAsync());
            repaired += behind.Count;
            previous = behind;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        try
        {
            var repaired = await RepairAsync(stoppingToken);
            if (repaired > 0)
            {
                LogRepaired(repaired);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The cases stay behind until their next activation, as before this pass existed.
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection repair: brought {Count} cases' read model up to their grain state")]
    private partial void LogRepaired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection repair: {Count} cases stay behind their grain state after activation (first {CaseId}); see the case grain's projection errors")]
    private partial void LogNoProgress(int count, string caseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection repair failed; the cases behind are repaired at their next activation")]
    private partial void LogFailed(Exception exception);
}
