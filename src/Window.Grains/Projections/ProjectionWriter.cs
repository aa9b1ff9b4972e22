using System.Data.Common;
using Microsoft.Extensions.Logging;
using Window.Contracts;
using Window.Contracts.ReadModel;

namespace Window.Grains.Projections;

/// <summary>
/// Keeps one case's read model up to date from its stored state: sends only the timeline entries the read model lacks,
/// repairs a projection lost to a crash (activation or <see cref="ICaseGrain.RepairProjectionAsync"/>) and a gap left by a
/// lost deferred commit. A failed projection never fails the command (its state is durable): it is retried with the next.
/// </summary>
internal sealed partial class ProjectionWriter(ICaseProjectionSink sink, string caseId, ILogger logger)
{
    /// <summary>How many timeline entries are known to be in the read model (not sent again).</summary>
    private int projectedEvents;

    /// <summary>The version of the projection that stored those entries (the read model holds it or a newer one).</summary>
    private long projectedVersion;

    /// <summary>The read model is behind the state: the next change projects everything, or a read repairs it.</summary>
    public bool Pending { get; private set; }

    /// <summary>
    /// Compares the read model's version with the state's: when it is behind, the next projection sends the whole journal
    /// (entries of lost projections may be among those taken for stored). Returns whether it is behind.
    /// </summary>
    public async Task<bool> CheckAsync(CaseState state, CancellationToken cancellationToken)
    {
        var stored = await sink.VersionOfAsync(caseId, cancellationToken);
        if (stored >= state.Version)
        {
            projectedEvents = state.Timeline.Count;
            projectedVersion = stored.Value;
            return false;
        }

        projectedEvents = 0;
        Pending = true;
        return true;
    }

    /// <summary>
    /// The read model could not be asked at activation: nothing is taken for stored, so the next change sends the whole
    /// journal, as after a crash.
    /// </summary>
    public void Unknown(Exception exception)
    {
        projectedEvents = 0;
        LogProjectionFailed(exception, caseId);
    }

    /// <summary>Projects <paramref name="state"/>, whose view is <paramref name="view"/>.</summary>
    public async Task ProjectAsync(CaseState state, CaseView view)
    {
        try
        {
            try
            {
                var projection = Projection.Of(state, view, projectedEvents);
                await sink.ApplyAsync(projectedEvents == 0 ? projection : projection with { Continues = projectedVersion });
            }
            catch (ProjectionGapException gap)
            {
                // A projection acknowledged earlier was lost (a deferred commit and a database crash): the whole journal.
                LogProjectionGap(gap, caseId);
                await sink.ApplyAsync(Projection.Of(state, view));
            }

            Pending = false;
            projectedEvents = state.Timeline.Count;
            projectedVersion = state.Version;
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            // The command is durable in the grain state; the read model catches up at the next change or activation.
            Pending = true;
            LogProjectionFailed(exception, caseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} could not be written; it will be repaired")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} had lost an acknowledged projection; the whole journal was sent again")]
    private static partial void LogProjectionGap(ILogger logger, Exception exception, string caseId);

    private void LogProjectionFailed(Exception exception, string id) => LogProjectionFailed(logger, exception, id);

    private void LogProjectionGap(Exception exception, string id) => LogProjectionGap(logger, exception, id);
}
