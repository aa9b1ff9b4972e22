using Window.Contracts;
using Window.Host.Api;
using Window.Host.Identity;
using Window.Storage.ReadModel;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Cases;

/// <summary>
/// Why a read was refused: a status, a problem code, a sentence and the field; <see cref="DenialReason"/> is set when
/// the refusal is an access denial that the security log records.
/// </summary>
public sealed record QueryRefusal(int Status, string Code, string Message, string? Field = null, string? DenialReason = null)
{
    public static QueryRefusal Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, "invalid_request", message, field);

    public static QueryRefusal Denied(string reason, string message) => new(StatusCodes.Status403Forbidden, "forbidden", message, null, reason);
}

/// <summary>What a read answers: the value, or why it was refused.</summary>
public sealed record QueryResult<T>(T? Value, QueryRefusal? Refusal)
    where T : class
{
    public static implicit operator QueryResult<T>(T value) => new(value, null);

    public static implicit operator QueryResult<T>(QueryRefusal refusal) => new(null, refusal);
}

/// <summary>A case search: every filter optional; department staff are held to their own department.</summary>
public sealed record CaseSearch(string? Status, string? Item, string? Department, string? Light, string? Officer, int? Page);

/// <summary>
/// What the pages and the API read about cases, in one place (issue 17): a case as the actor may see it (department
/// staff: only cases that reach them, only the materials shared with them), its timeline and trace, the search, a
/// department's queue and the talent's public lookup with its wrong-code limit.
/// </summary>
public sealed class CaseQueryService(IGrainFactory grains, IReadModel readModel, WorkflowCatalog catalog, CaseDtos dtos, RateLimits limits, TimeProvider time)
{
    private static readonly string[] Statuses = ["open", "completed", "delivered", "withdrawn"];
    private static readonly string[] Lights = ["green", "yellow", "red", "none"];

    /// <summary>The answer to a wrong case number or lookup code: the same for both, so that nothing can be probed.</summary>
    public static readonly CaseOutcome NoSuchPublicCase = CaseOutcome.Fail(OutcomeStatus.NotFound, "not_found", "No case with that number and code.");

    /// <summary>The case as <paramref name="actor"/> may see it; <see langword="null"/> when there is none or it is hidden from them.</summary>
    public async Task<CaseDto?> CaseAsync(Actor actor, string caseId) =>
        await grains.GetGrain<ICaseGrain>(caseId).ViewForAsync(actor) is { } view ? dtos.Case(view) : null;

    /// <summary>The case's timeline as <paramref name="actor"/> may see it, oldest first; <see langword="null"/> when the case is hidden.</summary>
    public async Task<IReadOnlyList<TimelineEntryDto>?> TimelineAsync(Actor actor, string caseId)
    {
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        if (await grain.ViewForAsync(actor) is null)
        {
            return null;
        }

        return [.. (await grain.TimelineForAsync(actor)).Select(dtos.Timeline)];
    }

    /// <summary>
    /// The case's trace as a tree for <paramref name="actor"/>: <c>Visible</c> is false when the case is hidden; the tree
    /// is <see langword="null"/> for a case accepted before cases were traced.
    /// </summary>
    public async Task<(bool Visible, CaseTraceDto? Trace)> TraceAsync(Actor actor, string caseId)
    {
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        if (await grain.ViewForAsync(actor) is null)
        {
            return (false, null);
        }

        return (true, await grain.TraceForAsync(actor) is { } trace ? Tree(trace) : null);
    }

    /// <summary>Nests the recorded spans under their parents; a span whose parent is not visible hangs under the root.</summary>
    public static CaseTraceDto Tree(CaseTraceView trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var children = trace.Spans.Where(s => s.ParentSpanId is not null).ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var root = trace.Spans.First(s => s.ParentSpanId is null);
        var known = trace.Spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var orphans = trace.Spans.Where(s => s.ParentSpanId is { } parent && !known.Contains(parent));

        TraceSpanDto Node(TraceSpanView span, IEnumerable<TraceSpanView> extra) => new(
            span.SpanId, span.ParentSpanId, span.Name, span.Start, span.End, span.Department,
            span.ItemId, span.StepId, span.Outcome, [.. children[span.SpanId].Concat(extra).Select(child => Node(child, []))]);

        return new CaseTraceDto(trace.TraceId, Node(root, orphans));
    }

    /// <summary>Cases by the read model's filters, newest first, a page at a time.</summary>
    public async Task<QueryResult<PageDto<CaseSummaryDto>>> SearchAsync(Actor actor, CaseSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(search);
        var department = search.Department;
        if (actor.Role == Roles.Department)
        {
            // Department staff search only the cases that reach their department.
            if (department is not null && department != actor.Department)
            {
                return QueryRefusal.Denied("another department's cases", "Department staff see only their own department's cases.");
            }

            department = actor.Department;
        }

        if (search.Status is { } status && !Statuses.Contains(status))
        {
            return QueryRefusal.Invalid("status", $"status must be one of {string.Join(", ", Statuses)}.");
        }

        if (search.Light is { } light && !Lights.Contains(light))
        {
            return QueryRefusal.Invalid("light", $"light must be one of {string.Join(", ", Lights)}.");
        }

        if (search.Item is { } item && catalog.LatestItem(item) is null)
        {
            return QueryRefusal.Invalid("item", $"Unknown service item {item}.");
        }

        if (department is not null && !catalog.Departments.ContainsKey(department))
        {
            return QueryRefusal.Invalid("department", $"Unknown department {department}.");
        }

        if (search.Page is < 1)
        {
            return QueryRefusal.Invalid("page", "page starts at 1.");
        }

        var found = await readModel.SearchCasesAsync(
            new CaseFilter(search.Status, search.Item, department, search.Light, search.Officer, search.Page ?? 1), cancellationToken);
        return new PageDto<CaseSummaryDto>([.. found.Items.Select(dtos.Summary)], found.Page, found.PageSize, found.Total, found.TotalIsLowerBound);
    }

    /// <summary>The steps routed to <paramref name="department"/>, most urgent first; department staff read only their own.</summary>
    public async Task<QueryResult<IReadOnlyList<QueueEntryDto>>> QueueAsync(Actor actor, string department, int? limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == Roles.Department && actor.Department != department)
        {
            return QueryRefusal.Denied("another department's queue", "Department staff see only their own department's queue.");
        }

        if (!catalog.Departments.ContainsKey(department))
        {
            return new QueryRefusal(StatusCodes.Status404NotFound, "not_found", $"No department {department}.");
        }

        if (limit is < 1 or > 1000)
        {
            return QueryRefusal.Invalid("limit", "limit is 1 to 1000.");
        }

        var today = OfficeTime.DateOf(time.GetUtcNow());
        var entries = await readModel.DepartmentQueueAsync(department, limit ?? 200, cancellationToken);
        return new QueryResult<IReadOnlyList<QueueEntryDto>>([.. entries.Select(entry => dtos.Queue(entry, today))], null);
    }

    /// <summary>The talent's lookup: the case's public progress; without it, the wait when the number is limited.</summary>
    public async Task<(PublicCaseDto? Case, TimeSpan? RetryAfter)> LookupAsync(string number, string? code, CancellationToken cancellationToken = default)
    {
        var (view, wait) = await FindPublicAsync(number, code, cancellationToken);
        return (view is null ? null : dtos.Public(view), wait);
    }

    /// <summary>
    /// The case with that number and code; without a view, the wait when the number has had too many wrong codes. That
    /// refusal comes before the code is checked, so that a right guess then cannot be told from a wrong one.
    /// </summary>
    internal async Task<(CaseView? View, TimeSpan? RetryAfter)> FindPublicAsync(string number, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        // Typed by a talent: any case, spaces around, full-width forms. Normalised before the limit counts the number.
        number = PublicLookup.Normalize(number);
        if (string.IsNullOrWhiteSpace(code) || number.Length > PublicLookup.MaxNumberLength)
        {
            return (null, null);
        }

        code = PublicLookup.Normalize(code);
        if (limits.CodesExhausted(number) is { } wait)
        {
            return (null, wait);
        }

        if (await readModel.CaseIdByNumberAsync(number, cancellationToken) is not { } caseId)
        {
            return (null, null);
        }

        var view = await grains.GetGrain<ICaseGrain>(caseId).LookupAsync(code);
        if (view is null)
        {
            limits.WrongCode(number);
        }

        return (view, null);
    }

    /// <summary>
    /// A command's outcome as <paramref name="actor"/> may see its case: department staff get only the materials shared
    /// with their department, as in <see cref="CaseAsync"/> (the grain answers a command with the whole case).
    /// </summary>
    internal async Task<CaseOutcome> AsSeenByAsync(Actor actor, string caseId, CaseOutcome outcome)
    {
        if (actor.Role != Roles.Department || outcome.Case is not { } whole)
        {
            return outcome;
        }

        var seen = await grains.GetGrain<ICaseGrain>(caseId).ViewForAsync(actor);
        var shared = seen?.Materials.Select(m => m.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        return outcome with { Case = whole with { Materials = [.. whole.Materials.Where(m => shared.Contains(m.Id))] } };
    }
}
