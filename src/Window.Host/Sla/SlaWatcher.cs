using Window.Contracts;
using Window.Host.Hosting;
using Window.Storage.ReadModel;
using Window.Storage.Sla;

namespace Window.Host.Sla;

/// <summary>What one watcher pass did.</summary>
public sealed record WatchResult(int CasesLooked, int CasesChanged, int RectificationChanges);

/// <summary>
/// Lets time act on stored deadlines: each tick asks the read model which cases have a warning, due or wait-end instant
/// that passed unrecorded (most overdue first, <see cref="SlaOptions.BatchSize"/> at most) and calls
/// <see cref="ICaseGrain.CatchUpAsync"/> on each; the grain journals every light change once. Rectification lights,
/// which live outside the grain, change by compare-and-set in <see cref="Rectifications"/>. Deadlines are stored, so one
/// that passed while no host ran is acted on by the first tick, which runs at start. Each pass also keeps the SLA summary's
/// aggregates ready: it folds the lit-step deltas and tallies the days of the default period that need it.
/// </summary>
public sealed partial class SlaWatcher(
    IAttention deadlines,
    IRectifications rectifications,
    LitCounts litCounts,
    IGrainFactory grains,
    CalendarYears calendar,
    SlaSummary summary,
    SlaGate gate,
    SlaOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SlaWatcher> logger) : PeriodicPass(options.WatchPeriod, time, lifetime, logger)
{
    private const int Parallelism = 4;

    /// <summary>One pass, alone in this process.</summary>
    public Task<WatchResult> WatchOnceAsync(CancellationToken cancellationToken = default) =>
        gate.RunAsync(() => WatchAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => WatchOnceAsync(cancellationToken);

    private async Task<WatchResult> WatchAsync(CancellationToken cancellationToken)
    {
        await calendar.RefreshAsync(cancellationToken);
        var now = Clock.GetUtcNow();
        var due = await deadlines.CasesNeedingAttentionAsync(now, SlaOptions.BatchSize, cancellationToken);
        var changed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (attention, _) =>
            {
                try
                {
                    if (await grains.GetGrain<ICaseGrain>(attention.CaseId).CatchUpAsync())
                    {
                        Interlocked.Increment(ref changed);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One case failing must not stop the others; it is still due, so the next tick retries it.
                    LogCatchUpFailed(exception, attention.CaseId);
                }
            });
        var lights = await rectifications.AdvanceRectificationsAsync(now, SlaOptions.BatchSize, cancellationToken);
        await litCounts.FoldLitStepsAsync(cancellationToken);
        await summary.PrepareAsync(calendar.Calendar, now, cancellationToken);
        return new WatchResult(due.Count, changed, lights.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up case {CaseId} failed; the next tick retries")]
    private partial void LogCatchUpFailed(Exception exception, string caseId);
}
