using Window.Contracts;
using Window.Storage.ReadModel;

namespace Window.Host.Hosting;

/// <summary>
/// Once the host has started, brings every case whose read model is behind its grain state up to date: a crash between
/// a command's state write and its projection left the state ahead, and nothing but the case's next activation would
/// repair it, so until then its steps would be missing from the queues, the search and the SLA watcher's view. Each such
/// case is asked to <see cref="ICaseGrain.RepairProjectionAsync"/> (activation alone compares the versions and projects;
/// an active case sends its whole journal again). With deferred projection commits (<see cref="ProjectionCommit"/>) a
/// PostgreSQL crash can lose projections while this host runs: then every <see cref="RecoveryCheckPeriod"/> the pass writes
/// the recovery marker that crash recovery empties (<see cref="ProjectionLag.MarkRecoveryAsync"/>), and repairs again
/// when it was gone. A case touched before that finds its gap itself (<see cref="ProjectionGapException"/>).
/// </summary>
public sealed partial class ProjectionRepair(
    ProjectionLag lag,
    WindowSettings settings,
    IGrainFactory grains,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ProjectionRepair> logger) : PeriodicPass(RecoveryCheckPeriod, time, lifetime, logger)
{
    /// <summary>How often the pass looks for a database crash when projections commit deferred (what a crash could lose).</summary>
    public static readonly TimeSpan RecoveryCheckPeriod = TimeSpan.FromSeconds(10);

    private const int BatchSize = 500;
    private const int Parallelism = 4;
    private int started;

    /// <summary>
    /// Writes the recovery marker and, when it was missing (a database crash since it was written), repairs; returns how
    /// many cases were repaired.
    /// </summary>
    public async Task<int> CheckRecoveryAsync(CancellationToken cancellationToken)
    {
        if (!await lag.MarkRecoveryAsync(cancellationToken))
        {
            return 0;
        }

        // Marked before the scan: a crash during the scan empties the marker again, and the next check scans again.
        LogRecoveryFound();
        return await RepairAsync(cancellationToken);
    }

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
                async (caseId, _) => await grains.GetGrain<ICaseGrain>(caseId).RepairProjectionAsync());
            repaired += behind.Count;
            previous = behind;
        }
    }

    /// <inheritdoc />
    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        int repaired;
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            // At start: the marker first (as in CheckRecoveryAsync), then a scan whether it was there or not, since a crash
            // of Window itself between a state write and its projection leaves no other trace.
            await lag.MarkRecoveryAsync(cancellationToken);
            repaired = await RepairAsync(cancellationToken);
        }
        else if (settings.ProjectionCommit == ProjectionCommit.Deferred)
        {
            repaired = await CheckRecoveryAsync(cancellationToken);
        }
        else
        {
            // Durable projection commits survive a database crash: nothing for the ticks to look for.
            return;
        }

        if (repaired > 0)
        {
            LogRepaired(repaired);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection repair: the database recovered from a crash (or failed over) since the last check; deferred projection commits may be lost, so cases behind their grain state are re-projected")]
    private partial void LogRecoveryFound();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection repair: brought {Count} cases' read model up to their grain state")]
    private partial void LogRepaired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection repair: {Count} cases stay behind their grain state after activation (first {CaseId}); see the case grain's projection errors")]
    private partial void LogNoProgress(int count, string caseId);
}
