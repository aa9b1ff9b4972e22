namespace Window.Storage.ReadModel;

/// <summary>How a projection's transaction commits on PostgreSQL (SQLite always commits durably).</summary>
public enum ProjectionCommit
{
    /// <summary>Waits for its WAL flush, like the grain state write before it.</summary>
    Durable,

    /// <summary>
    /// Does not wait for its WAL flush (<c>synchronous_commit = off</c> for that transaction only): visible at once, durable
    /// within PostgreSQL's WAL writer delay, and made durable sooner by any later durable commit (the next grain state write).
    /// What a PostgreSQL crash loses is rebuilt from the durable grain state: see <c>ProjectionRepair</c>.
    /// </summary>
    Deferred,
}

/// <summary>One line of a department's work queue.</summary>
public sealed record QueueEntry(
    string CaseId,
    string CaseNumber,
    string ItemId,
    string StepId,
    string Department,
    string Status,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    string Light,
    string? ClaimedBy);

/// <summary>One page of results and the total that matched.</summary>
/// <param name="Items">This page's results, in order.</param>
/// <remarks>Named <c>PageOf</c> because a record cannot be called <c>Page</c> and have a <c>Page</c> property (CS0542).</remarks>
/// <param name="Page">1-based, as served (a filter's page below 1 is served as 1).</param>
/// <param name="PageSize">As served: the requested page size clamped to 1..200.</param>
/// <param name="Total">How many matched in all pages, or at least how many when <paramref name="TotalIsLowerBound"/>.</param>
/// <param name="TotalIsLowerBound">More than <paramref name="Total"/> matched: the search stopped counting there.</param>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false)
{
    /// <summary>The cursor of the next page (keyset paging), or <see langword="null"/> on the last page.</summary>
    public string? Next { get; init; }
}

/// <summary>A case the SLA watcher must let time act on.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Since">The earliest stored instant (warning, due or end of wait) that has passed unrecorded.</param>
public sealed record CaseAttention(string CaseId, DateTimeOffset Since);
