using Window.Contracts.ReadModel;

namespace Window.Grains;

/// <summary>
/// Where a case's grain sends its projection (the queryable read model). The grains own this port so that they need no
/// storage code; the host adapts its read model to it.
/// </summary>
public interface ICaseProjectionSink
{
    /// <summary>
    /// Stores the projection when its version is newer than the stored one (missing events are added either way);
    /// throws <see cref="ProjectionGapException"/> when a partial projection continues a version the sink does not hold.
    /// </summary>
    Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default);

    /// <summary>The stored version of a case's projection, or <see langword="null"/> when there is none.</summary>
    Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A case's stored journal entries numbered below <paramref name="beforeSeq"/>, by sequence number: the part of the journal
    /// the case's state no longer keeps.
    /// </summary>
    Task<IReadOnlyList<EventRow>> EventsAsync(string caseId, int beforeSeq, CancellationToken cancellationToken = default);

    /// <summary>
    /// A case's stored command spans numbered below <paramref name="beforeNumber"/>, by number: the part of the case's trace
    /// its state no longer keeps.
    /// </summary>
    Task<IReadOnlyList<SpanRow>> SpansAsync(string caseId, int beforeNumber, CancellationToken cancellationToken = default);
}
