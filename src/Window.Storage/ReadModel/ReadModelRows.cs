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

/// <summary>Search filters; null means any.</summary>
/// <param name="Status">Cases with this status.</param>
/// <param name="Item">Cases with this service item.</param>
/// <param name="Department">Cases with at least one step routed to this department.</param>
/// <param name="Light">Cases whose own light is this one.</param>
/// <param name="Officer">Cases of this case officer.</param>
/// <param name="Page">1-based; below 1 reads as 1.</param>
/// <param name="PageSize">Clamped to 1..200.</param>
public sealed record CaseFilter(
    string? Status = null,
    string? Item = null,
    string? Department = null,
    string? Light = null,
    string? Officer = null,
    int Page = 1,
    int PageSize = 50);

/// <summary>One page of results and the total that matched.</summary>
/// <param name="Items">This page's results, in order.</param>
/// <remarks>Named <c>PageOf</c> because a record cannot be called <c>Page</c> and have a <c>Page</c> property (CS0542).</remarks>
/// <param name="Page">1-based, as served (a filter's page below 1 is served as 1).</param>
/// <param name="PageSize">As served: the filter's page size clamped to 1..200.</param>
/// <param name="Total">How many matched in all pages, or at least how many when <paramref name="TotalIsLowerBound"/>.</param>
/// <param name="TotalIsLowerBound">More than <paramref name="Total"/> matched: the search stopped counting there.</param>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound = false);

/// <summary>A case the SLA watcher must let time act on.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Since">The earliest stored instant (warning, due or end of wait) that has passed unrecorded.</param>
public sealed record CaseAttention(string CaseId, DateTimeOffset Since);
