using System.Globalization;
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

/// <summary>
/// A list of cases (GET /api/cases, bound with [AsParameters]); every filter optional. Dates are YYYY-MM-DD in office time,
/// both ends included; <see cref="Sort"/> is <c>newest</c> (the default) or <c>due</c> (earliest promised date first).
/// Pages come from <see cref="Page"/> (an offset, within the counted first 10,000 cases) or, to go on from a page,
/// from the <see cref="Cursor"/> it answered with (keyset: as fast at any depth); not both.
/// </summary>
public record CaseListQuery
{
    public string? Status { get; init; }

    public string? Item { get; init; }

    public string? Department { get; init; }

    public string? Light { get; init; }

    /// <summary>Cases with a step lit this light now (of the department and item when given): the dashboard's matrix drill-down.</summary>
    public string? StepLight { get; init; }

    public string? Officer { get; init; }

    public string? OpenedFrom { get; init; }

    public string? OpenedTo { get; init; }

    public string? Sort { get; init; }

    /// <summary>Cases completed on or after this day (YYYY-MM-DD, office time): the dashboard's period figures.</summary>
    public string? CompletedFrom { get; init; }

    /// <summary>Cases completed on or before this day.</summary>
    public string? CompletedTo { get; init; }

    /// <summary><c>onTime</c>: completed by the end of the promised day; <c>late</c>: completed after it.</summary>
    public string? Timeliness { get; init; }

    /// <summary><c>atMostOne</c>: the talent came to the window at most once; <c>more</c>: more often.</summary>
    public string? Trips { get; init; }

    /// <summary><c>rated</c>, <c>poor</c> (差评: 1 or 2) or one level 1..5 (GB/T 39734-2020).</summary>
    public string? Rating { get; init; }

    /// <summary>The rectification (整改) is <c>open</c>, <c>appealed</c> (an appeal waits for a supervisor) or <c>closed</c>.</summary>
    public string? Rectification { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }

    public string? Cursor { get; init; }
}

/// <summary>
/// The header's search (POST /api/cases/search): <see cref="Query"/> is a case number (whole, or its last digits), a
/// talent's name, or a whole ID number or phone, sent in the body so that it never appears in an address or a log;
/// the list's filters and paging narrow it further.
/// </summary>
public sealed record CaseSearchRequest : CaseListQuery
{
    /// <summary>An empty request (what a body without properties reads as).</summary>
    public CaseSearchRequest()
    {
    }

    /// <summary>A search for <paramref name="query"/> narrowed by a list's filters and paging.</summary>
    public CaseSearchRequest(string? query, CaseListQuery list)
        : base(list ?? throw new ArgumentNullException(nameof(list))) => Query = query;

    public string? Query { get; init; }
}

/// <summary>
/// A page of a department's queue (GET /api/departments/{department}/queue, bound with [AsParameters]), most urgent first:
/// a page number or a cursor; optionally only one item's steps, one light, or one status (ready or claimed).
/// </summary>
public sealed record QueuePageQuery(string? Item = null, string? Light = null, string? Status = null, int? Page = null, int? PageSize = null, string? Cursor = null);

/// <summary>
/// What the pages and the API read about cases, in one place (issue 17): a case as the actor may see it (department
/// staff: only cases that reach them, only the materials shared with them), its timeline and trace, the search, a
/// department's queue and the talent's public lookup with its wrong-code limit.
/// </summary>
public sealed class CaseQueryService(
    IGrainFactory grains, IReadModel readModel, CatalogSource catalogs, CaseDtos dtos, CaseSearchKeys searchKeys, RateLimits limits, TimeProvider time)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    /// <summary>The problem code of a period that ends before it starts.</summary>
    public const string InvalidPeriod = "invalid_period";

    /// <summary>The statuses of the steps in a queue.</summary>
    private static readonly string[] QueueStatuses = [StepStatusKinds.Names.Of(StepStatusKind.Ready), StepStatusKinds.Names.Of(StepStatusKind.Claimed)];


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
            span.ItemId, span.StepId, span.Outcome, [.. children[span.SpanId].Concat(extra).Select(child => Node(child, []))], span.Opinion);

        return new CaseTraceDto(trace.TraceId, Node(root, orphans));
    }

    /// <summary>Cases by the read model's filters, a page at a time; department staff are held to their own department.</summary>
    public Task<QueryResult<PageDto<CaseSummaryDto>>> ListAsync(Actor actor, CaseListQuery query, CancellationToken cancellationToken = default) =>
        ListAsync(actor, query, null, cancellationToken);

    /// <summary>
    /// The header's search: the cases the query finds (<see cref="CaseSearchKeys.Parse"/>) among those the actor may see
    /// (the same filter as the lists), newest first unless sorted otherwise. The query is never logged or traced.
    /// </summary>
    public async Task<QueryResult<PageDto<CaseSummaryDto>>> SearchAsync(Actor actor, CaseSearchRequest? request, CancellationToken cancellationToken = default)
    {
        var (lookup, refusal) = searchKeys.Parse(request?.Query);
        return refusal ?? await ListAsync(actor, request!, lookup, cancellationToken);
    }

    /// <summary>The steps routed to <paramref name="department"/>, most urgent first, a page at a time; department staff read only their own.</summary>
    public async Task<QueryResult<PageDto<QueueEntryDto>>> QueueAsync(Actor actor, string department, QueuePageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        if (actor.Role == Roles.Department && actor.Department != department)
        {
            return QueryRefusal.Denied("another department's queue", "Department staff see only their own department's queue.");
        }

        if (!catalog.Departments.ContainsKey(department))
        {
            return new QueryRefusal(StatusCodes.Status404NotFound, "not_found", $"No department {department}.");
        }

        if (query.Item is { } item && catalog.LatestItem(item) is null)
        {
            return QueryRefusal.Invalid("item", $"Unknown service item {item}.");
        }

        if (query.Light is { } light && !LightKinds.TryParse(light, out _))
        {
            return QueryRefusal.Invalid("light", $"light must be one of {string.Join(", ", LightKinds.Names.Strings)}.");
        }

        if (query.Status is { } status && !QueueStatuses.Contains(status))
        {
            return QueryRefusal.Invalid("status", $"status in a queue is {string.Join(" or ", QueueStatuses)}.");
        }

        if (Paging.Check(query.Page, query.PageSize, query.Cursor) is { } invalid)
        {
            return invalid;
        }

        QueueKey? after = null;
        if (query.Cursor is { } cursor && (after = QueueKey.Decode(cursor)) is null)
        {
            return Paging.BadCursor;
        }

        var found = await readModel.DepartmentQueueAsync(
            new QueueQuery(department, query.PageSize ?? Paging.DefaultPageSize, query.Page ?? 1)
            {
                After = after,
                Item = query.Item,
                Light = query.Light,
                Status = query.Status,
            },
            cancellationToken);
        var today = OfficeTime.DateOf(time.GetUtcNow());
        return new PageDto<QueueEntryDto>([.. found.Items.Select(entry => dtos.Queue(entry, today))], found.Page, found.PageSize, found.Total,
            found.TotalIsLowerBound, found.Next);
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

    private async Task<QueryResult<PageDto<CaseSummaryDto>>> ListAsync(Actor actor, CaseListQuery query, SearchLookup? lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var department = query.Department;
        if (actor.Role == Roles.Department)
        {
            // Department staff list and search only the cases that reach their department.
            if (department is not null && department != actor.Department)
            {
                return QueryRefusal.Denied("another department's cases", "Department staff see only their own department's cases.");
            }

            department = actor.Department;
        }

        if (query.Status is { } status && !CaseStatusKinds.TryParse(status, out _))
        {
            return QueryRefusal.Invalid("status", $"status must be one of {string.Join(", ", CaseStatusKinds.Names.Strings)}.");
        }

        if (query.Light is { } light && !LightKinds.TryParse(light, out _))
        {
            return QueryRefusal.Invalid("light", $"light must be one of {string.Join(", ", LightKinds.Names.Strings)}.");
        }

        if (query.StepLight is { } stepLight && !LightKinds.TryParse(stepLight, out _))
        {
            return QueryRefusal.Invalid("stepLight", $"stepLight must be one of {string.Join(", ", LightKinds.Names.Strings)}.");
        }

        if (query.Item is { } item && catalog.LatestItem(item) is null)
        {
            return QueryRefusal.Invalid("item", $"Unknown service item {item}.");
        }

        if (department is not null && !catalog.Departments.ContainsKey(department))
        {
            return QueryRefusal.Invalid("department", $"Unknown department {department}.");
        }

        if (query.Officer is { } officer && TextRules.Check(officer, TextRules.Name, "officer") is { } badOfficer)
        {
            return new QueryRefusal(StatusCodes.Status400BadRequest, badOfficer.Code, badOfficer.Message, "officer");
        }

        var (from, to, badDate) = OpenedBetween(query.OpenedFrom, query.OpenedTo);
        if (badDate is not null)
        {
            return badDate;
        }

        var (completedFrom, completedTo, badCompleted) = Between(query.CompletedFrom, query.CompletedTo, "completedFrom", "completedTo");
        if (badCompleted is not null)
        {
            return badCompleted;
        }

        if (Sla.PeriodFilters.Check(query) is { } badPeriodFilter)
        {
            return badPeriodFilter;
        }

        CaseOrder order;
        switch (query.Sort)
        {
            case null or "newest":
                order = CaseOrder.Newest;
                break;
            case "due":
                order = CaseOrder.Due;
                break;
            default:
                return QueryRefusal.Invalid("sort", "sort is newest (the default) or due.");
        }

        if (Paging.Check(query.Page, query.PageSize, query.Cursor) is { } invalid)
        {
            return invalid;
        }

        CaseKey? after = null;
        if (query.Cursor is { } cursor && (after = CaseKey.Decode(cursor, order)) is null)
        {
            return Paging.BadCursor;
        }

        var filter = new CaseFilter(query.Status, query.Item, department, query.Light, query.Officer, query.Page ?? 1, query.PageSize ?? Paging.DefaultPageSize)
        {
            OpenedFrom = from,
            OpenedBefore = to,
            Order = order,
            After = after,
            StepLight = query.StepLight,
            CompletedFrom = completedFrom,
            CompletedBefore = completedTo,
            OnTime = Sla.PeriodFilters.OnTime(query.Timeliness),
            AtMostOneTrip = Sla.PeriodFilters.AtMostOneTrip(query.Trips),
            RatedAtMost = Sla.PeriodFilters.RatedAtMost(query.Rating),
            Rated = Sla.PeriodFilters.Rated(query.Rating),
            Rectification = query.Rectification,
        };
        var found = await readModel.SearchCasesAsync(lookup?.Narrow(filter) ?? filter, cancellationToken);
        var details = await readModel.DetailsAsync([.. found.Items.Select(row => row.CaseId)], cancellationToken);
        var items = details.Items.ToLookup(row => row.CaseId, StringComparer.Ordinal);
        var holding = details.Holding.ToLookup(row => row.CaseId, StringComparer.Ordinal);
        return new PageDto<CaseSummaryDto>([.. found.Items.Select(row => dtos.Summary(row, [.. items[row.CaseId]], [.. holding[row.CaseId]]))],
            found.Page, found.PageSize, found.Total, found.TotalIsLowerBound, found.Next);
    }

    /// <summary>The instants of "opened between": from the start of the first day to the end of the last, in office time.</summary>
    private static (DateTimeOffset? From, DateTimeOffset? Before, QueryRefusal? Refusal) OpenedBetween(string? fromText, string? toText) =>
        Between(fromText, toText, "openedFrom", "openedTo");

    /// <summary>The instants of a period given as two office days (<paramref name="fromField"/> and <paramref name="toField"/> name them in a refusal).</summary>
    private static (DateTimeOffset? From, DateTimeOffset? Before, QueryRefusal? Refusal) Between(string? fromText, string? toText, string fromField, string toField)
    {
        DateOnly? from = null, to = null;
        foreach (var (text, field) in new[] { (fromText, fromField), (toText, toField) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2000)
            {
                return (null, null, QueryRefusal.Invalid(field, $"{field} must be a date YYYY-MM-DD from the year 2000 on."));
            }

            if (field == fromField)
            {
                from = day;
            }
            else
            {
                to = day;
            }
        }

        if (from > to)
        {
            return (null, null, new QueryRefusal(StatusCodes.Status400BadRequest, InvalidPeriod, $"{toField} is before {fromField}.", toField));
        }

        return (from is { } f ? OfficeTime.StartOf(f) : null, to is { } t ? OfficeTime.EndOf(t) : null, null);
    }
}
