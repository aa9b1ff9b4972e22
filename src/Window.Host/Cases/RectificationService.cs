using Window.Contracts;
using Window.Host.Api;
using Window.Storage.Sla;

namespace Window.Host.Cases;

/// <summary>
/// Rectifications (整改) after poor ratings, for the API and the /rectifications page: the list (an officer sees the
/// rectifications of their own cases, a supervisor every one) and the case they belong to. The acts go through
/// <see cref="CaseCommandService"/>: a rectification's id is its case's.
/// </summary>
public sealed class RectificationService(SqlSlaStore store, CaseQueryService queries)
{
    /// <summary>The statuses a list may ask for.</summary>
    public static readonly IReadOnlyList<string> Statuses = [RectificationStates.Open, RectificationStates.Closed, "appealed"];

    /// <summary>A page of rectifications, earliest due first; null with a problem for a bad status or page.</summary>
    public async Task<QueryResult<PageDto<RectificationSummaryDto>>> ListAsync(Actor actor, string? status, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (status is not null && !Statuses.Contains(status))
        {
            return QueryRefusal.Invalid("status", "status must be open, closed or appealed.");
        }

        if (Paging.Check(page, pageSize, null) is { } refusal)
        {
            return refusal;
        }

        var (number, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        var (rows, total) = await store.ListRectificationsAsync(status, actor.Role == Roles.Officer ? actor.User : null, number, size, cancellationToken);
        return new PageDto<RectificationSummaryDto>(
            [.. rows.Select(r => new RectificationSummaryDto(r.CaseId, r.Number, r.Officer, r.DueOn, r.Light, r.Rating, r.State, r.Appeal))], number, size, total, false);
    }

    /// <summary>The case of a rectification as <paramref name="actor"/> may see it.</summary>
    public Task<CaseDto?> CaseAsync(Actor actor, string id) => queries.CaseAsync(actor, id);
}
