using System.Data.Common;
using Microsoft.Extensions.Logging;
using Window.Contracts;
using Window.Contracts.ReadModel;
using Window.Grains.Cases;

namespace Window.Grains.Projections;

/// <summary>
/// Keeps one case's read model up to date from its stored state: sends only the timeline entries the read model lacks,
/// repairs a projection lost to a crash (activation or <see cref="ICaseGrain.RepairProjectionAsync"/>) and a gap left by a
/// lost deferred commit, and tells the grain which entries its next state write may drop (<see cref="Trimmed"/>). A failed
/// projection never fails the command (its state is durable): it is retried with the next.
/// </summary>
/// <remarks>
/// <para>
/// The read model is where the case's journal lives; the state keeps only its tail. An entry leaves the state only once it is
/// <em>durable</em> in the read model, and the writer knows that without asking: the entries of projection <c>P(n)</c> are
/// durable as soon as a later projection <c>P(n+1)</c> that continues it (<see cref="CaseProjection.Continues"/>) succeeds
/// and a state write after it is durable. Both stores are one database, whose log is written in commit order; a durable
/// commit makes every commit before it durable (a PostgreSQL WAL flush, and SQLite's WAL alike). <c>P(n)</c> committed
/// before the state write <c>W(n+1)</c> began; so if <c>W(n+1)</c> is durable and <c>P(n)</c> was not lost in between (a
/// crash between them would have lost it, and <c>P(n+1)</c>'s check would have found the gap), <c>P(n)</c> is durable.
/// The trim therefore lags one projection: a stored state holds the entries of its last two commands (more only while the
/// read model fails), never an entry the read model could still lose.
/// </para>
/// <para>
/// Crash repair: after a crash between a state write and its projection, the state still holds every entry not known
/// durable; activation's <see cref="CheckAsync"/> finds the read model behind and the next projection sends the whole tail.
/// A deferred commit lost with a database crash (<see cref="ProjectionGapException"/>): the entries it carried are still in
/// the tail (they are trimmed only after a later projection proved them stored), so the whole tail is sent again; every
/// older entry is durable by the rule above. With durable projections (the default) the lag is not needed but costs little.
/// </para>
/// </remarks>
internal sealed partial class ProjectionWriter(ICaseProjectionSink sink, string caseId, ILogger logger)
{
    /// <summary>The newest entry known to be in the read model (not sent again); 0 when nothing is known.</summary>
    private int projectedSeq;

    /// <summary>The newest entry known to be durable in the read model: the next state write may drop it and those before.</summary>
    private int durableSeq;

    /// <summary>The newest command span known to be in the read model (by its number in the case); 0 when nothing is known.</summary>
    private int projectedSpan;

    /// <summary>The newest command span known to be durable in the read model: the next state write may drop it and those before.</summary>
    private int durableSpan;

    /// <summary>The version of the projection that stored those entries (the read model holds it or a newer one).</summary>
    private long projectedVersion;

    /// <summary>The read model is behind the state: the next change projects everything, or a read repairs it.</summary>
    public bool Pending { get; private set; }

    /// <summary>
    /// Compares the read model's version with the state's: when it is behind, the next projection sends the whole tail
    /// (entries of lost projections may be among those taken for stored). Returns whether it is behind.
    /// </summary>
    public async Task<bool> CheckAsync(CaseState state, CancellationToken cancellationToken)
    {
        var stored = await sink.VersionOfAsync(caseId, cancellationToken);
        durableSeq = 0;
        durableSpan = 0;
        if (stored >= state.Version)
        {
            projectedSeq = NewestSeq(state);
            // A state written before spans left it (unnumbered) has none in the read model yet: the next projection sends them.
            projectedSpan = state.Trace is { IsNumbered: true } trace ? trace.Newest : 0;
            projectedVersion = stored.Value;
            return false;
        }

        projectedSeq = 0;
        projectedSpan = 0;
        Pending = true;
        return true;
    }

    /// <summary>
    /// The read model could not be asked at activation: nothing is taken for stored, so the next change sends the whole
    /// tail, as after a crash.
    /// </summary>
    public void Unknown(Exception exception)
    {
        projectedSeq = 0;
        durableSeq = 0;
        projectedSpan = 0;
        durableSpan = 0;
        LogProjectionFailed(exception, caseId);
    }

    /// <summary>
    /// <paramref name="state"/> as it is written: the tail's entries known durable in the read model dropped (all but the
    /// newest, which numbers the next) and folded into its <see cref="CaseState.Facts"/>; its trace's command spans known
    /// durable there dropped by the same rule (all but the root, every later span's parent, and the newest).
    /// </summary>
    public CaseState Trimmed(CaseState state) => TrimmedSpans(TrimmedJournal(state));

    private CaseState TrimmedSpans(CaseState state)
    {
        if (state.Trace is not { Commands.Count: > 2 } trace)
        {
            return state;
        }

        var commands = trace.Numbered();
        var drop = 0;
        while (1 + drop < commands.Count - 1 && commands[1 + drop].Number <= durableSpan)
        {
            drop++;
        }

        return drop == 0 ? state : state with { Trace = trace with { Commands = commands.RemoveRange(1, drop) } };
    }

    private CaseState TrimmedJournal(CaseState state)
    {
        var timeline = state.Timeline;
        var drop = 0;
        while (drop < timeline.Count - 1 && timeline[drop].Seq <= durableSeq)
        {
            drop++;
        }

        return drop == 0
            ? state
            : state with { Timeline = timeline.RemoveRange(0, drop), Facts = (state.Facts ?? JournalFacts.Empty).Fold(timeline.Take(drop)) };
    }

    /// <summary>Projects <paramref name="state"/>, whose view is <paramref name="view"/>.</summary>
    public async Task ProjectAsync(CaseState state, CaseView view)
    {
        try
        {
            var continued = projectedSeq > 0;
            try
            {
                var projection = Projection.Of(state, view, projectedSeq, projectedSpan);
                await sink.ApplyAsync(continued ? projection with { Continues = projectedVersion } : projection);
            }
            catch (ProjectionGapException gap)
            {
                // A projection acknowledged earlier was lost (a deferred commit and a database crash): its entries are still
                // in the tail (see the remarks), so the whole tail goes again.
                LogProjectionGap(gap, caseId);
                continued = false;
                await sink.ApplyAsync(Projection.Of(state, view));
            }

            Pending = false;
            if (continued)
            {
                // This projection found the one it continues stored: its entries are durable once the next state write is.
                durableSeq = Math.Max(durableSeq, projectedSeq);
                durableSpan = Math.Max(durableSpan, projectedSpan);
            }

            projectedSeq = NewestSeq(state);
            projectedSpan = state.Trace?.Newest ?? 0;
            projectedVersion = state.Version;
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            // The command is durable in the grain state; the read model catches up at the next change or activation.
            Pending = true;
            LogProjectionFailed(exception, caseId);
        }
    }

    private static int NewestSeq(CaseState state) => state.Timeline.IsEmpty ? 0 : state.Timeline[^1].Seq;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} could not be written; it will be repaired")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} had lost an acknowledged projection; the journal's tail was sent again")]
    private static partial void LogProjectionGap(ILogger logger, Exception exception, string caseId);

    private void LogProjectionFailed(Exception exception, string id) => LogProjectionFailed(logger, exception, id);

    private void LogProjectionGap(Exception exception, string id) => LogProjectionGap(logger, exception, id);
}
