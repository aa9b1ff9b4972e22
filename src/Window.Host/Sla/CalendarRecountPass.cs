using Window.Contracts;
using Window.Host.Hosting;
using Window.Storage.Sla;

namespace Window.Host.Sla;

/// <summary>
/// Recounts open cases after an administrator publishes a calendar year, in the background. Publishing stores a recount
/// job with the year (<see cref="SqlCalendarRecounts"/>); each pass takes the unfinished jobs, walks the open cases whose
/// dates touch the year in case id order, <see cref="BatchSize"/> at a time, asks each case to
/// <see cref="ICaseGrain.RecountDatesAsync"/> on this silo's calendar, and stores the last case done. A restart or a silo
/// failure loses at most one batch's progress, and the cases redone are no-ops (each records the calendar fingerprint it
/// last counted on). A case whose silo has not loaded the year yet answers "not yet": the cursor stops before it and a
/// later pass, after that silo's watcher refreshed its calendar, goes on.
/// </summary>
public sealed partial class CalendarRecountPass(
    SqlCalendarRecounts recounts,
    CalendarYears calendar,
    IGrainFactory grains,
    IConfiguration configuration,
    SlaOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<CalendarRecountPass> logger) : PeriodicPass(options.WatchPeriod, time, lifetime, logger)
{
    private const int Parallelism = 4;
    private readonly SemaphoreSlim alone = new(1, 1);

    /// <summary>Cases per stored cursor step: <c>Window:Calendar:RecountBatchSize</c>, default 200.</summary>
    public int BatchSize { get; } = configuration.GetValue("Window:Calendar:RecountBatchSize", 200) is var size and > 0 ? size : 200;

    /// <summary>
    /// One pass over every unfinished recount, at most <paramref name="maxBatches"/> batches of each (all when null);
    /// returns how many cases were recounted.
    /// </summary>
    public async Task<int> RecountOnceAsync(int? maxBatches = null, CancellationToken cancellationToken = default)
    {
        await alone.WaitAsync(cancellationToken);
        try
        {
            var pending = await recounts.PendingAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return 0;
            }

            await calendar.RefreshAsync(cancellationToken);
            var fingerprint = calendar.Calendar.Fingerprint;
            var total = 0;
            foreach (var job in pending)
            {
                total += await RunAsync(job, fingerprint, maxBatches, cancellationToken);
            }

            return total;
        }
        finally
        {
            alone.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        alone.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => RecountOnceAsync(null, cancellationToken);

    private async Task<int> RunAsync(CalendarRecount job, string fingerprint, int? maxBatches, CancellationToken cancellationToken)
    {
        var after = job.AfterCase;
        var total = 0;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            var cases = await recounts.CasesTouchingAsync(job.Year, after, BatchSize, cancellationToken);
            if (cases.Count == 0)
            {
                await recounts.FinishAsync(job, Clock.GetUtcNow(), cancellationToken);
                LogFinished(job.Year, job.Recounted + total);
                return total;
            }

            var done = new bool[cases.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (index, _) =>
                {
                    try
                    {
                        done[index] = await grains.GetGrain<ICaseGrain>(cases[index]).RecountDatesAsync(fingerprint);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // One case failing must not stop the others; the cursor stops before it and the next pass retries.
                        LogRecountFailed(exception, cases[index]);
                    }
                });

            // The cursor moves over the leading run of done cases only: nothing after a case still to do is skipped.
            var leading = Array.IndexOf(done, false) is var first and >= 0 ? first : done.Length;
            if (leading > 0)
            {
                after = cases[leading - 1];
                await recounts.AdvanceAsync(job, after, leading, cancellationToken);
                total += leading;
            }

            if (leading < done.Length)
            {
                LogNotYet(job.Year, cases[leading]);
                return total;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Year}: recount of open cases finished ({Count} cases)")]
    private partial void LogFinished(int year, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recounting the dates of case {CaseId} failed; the next pass retries")]
    private partial void LogRecountFailed(Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {Year}: case {CaseId} is not on the published calendar yet (its silo has not refreshed); the next pass goes on")]
    private partial void LogNotYet(int year, string caseId);
}
