using System.Globalization;
using Window.Contracts;
using static Window.Storage.ReadModel.ReadModelColumns;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>Which cases a list shows; null means any. Every condition narrows (they are joined with AND).</summary>
/// <param name="Status">Cases with this status.</param>
/// <param name="Item">Cases with this service item.</param>
/// <param name="Department">Cases with at least one step routed to this department (skipped steps do not count).</param>
/// <param name="Light">Cases whose own light is this one.</param>
/// <param name="Officer">Cases of this case officer.</param>
/// <param name="Page">1-based; below 1 reads as 1. Ignored when <see cref="After"/> continues a list.</param>
/// <param name="PageSize">Clamped to 1..200.</param>
public sealed record CaseFilter(
    string? Status = null,
    string? Item = null,
    string? Department = null,
    string? Light = null,
    string? Officer = null,
    int Page = 1,
    int PageSize = 50)
{
    /// <summary>Cases opened at or after this instant.</summary>
    public DateTimeOffset? OpenedFrom { get; init; }

    /// <summary>Cases opened before this instant.</summary>
    public DateTimeOffset? OpenedBefore { get; init; }

    /// <summary>The order of the list.</summary>
    public CaseOrder Order { get; init; } = CaseOrder.Newest;

    /// <summary>Continues the list after this key (keyset paging) instead of skipping <see cref="Page"/> - 1 pages.</summary>
    public CaseKey? After { get; init; }

    /// <summary>The case with this receipt number.</summary>
    public string? Number { get; init; }

    /// <summary>Cases with this search term (<see cref="SearchTerm.Keyed"/>): a talent's name, ID number or phone, hashed.</summary>
    public string? Term { get; init; }

    /// <summary>Cases whose number ends in these digits.</summary>
    public string? NumberEndsWith { get; init; }

    /// <summary>
    /// Cases with a step lit this light now, of <see cref="Department"/> and <see cref="Item"/> when they are given: the
    /// supervisors' drill-down from a department × item cell of step lights (a step can be red while its case is green).
    /// </summary>
    public string? StepLight { get; init; }

    /// <summary>Cases completed at or after this instant (the dashboard's period figures count by completion).</summary>
    public DateTimeOffset? CompletedFrom { get; init; }

    /// <summary>Cases completed before this instant.</summary>
    public DateTimeOffset? CompletedBefore { get; init; }

    /// <summary>Completed cases completed by the end of their promised day (true) or after it (false), in office time.</summary>
    public bool? OnTime { get; init; }

    /// <summary>Cases whose talent came to the window at most once (true) or more often (false).</summary>
    public bool? AtMostOneTrip { get; init; }

    /// <summary>Cases rated at most this level (5: rated at all; 2: 差评).</summary>
    public int? RatedAtMost { get; init; }

    /// <summary>Cases rated exactly this level (1..5).</summary>
    public int? Rated { get; init; }

    /// <summary>
    /// Cases whose rectification (整改) is <c>open</c> (not closed yet, an appeal pending or not), <c>appealed</c> (an appeal
    /// waits for a supervisor) or <c>closed</c>, read from the case's journal as the rectifications list reads it.
    /// </summary>
    public string? Rectification { get; init; }
}

/// <summary>Finding cases: by filter, one page at a time, and by receipt number.</summary>
public interface ICaseSearch
{
    /// <summary>
    /// Cases matching the filter in its order, one page of them (from an offset, or after a key), how many matched (counted
    /// up to a cap, past which the total is a lower bound: <see cref="PageOf{T}.TotalIsLowerBound"/>) and the key of the
    /// next page when there is one.
    /// </summary>
    Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The case id for a receipt number, or <see langword="null"/>.</summary>
    Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a list shows of each of these cases beyond its row: its items and its steps that hold it (ready, claimed,
    /// returned, waiting), in two indexed reads for the whole page, instead of asking every case's grain.
    /// </summary>
    Task<CaseListDetails> DetailsAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default);
}

/// <summary>The items and holding steps of the cases of a page (<see cref="ICaseSearch.DetailsAsync"/>).</summary>
/// <param name="Items">Their items, by case id then item id.</param>
/// <param name="Holding">Their ready, claimed, returned and waiting steps, by case id then item and step id.</param>
public sealed record CaseListDetails(IReadOnlyList<CaseItemRow> Items, IReadOnlyList<StepRow> Holding);

/// <summary>A search's statements and their parameters.</summary>
internal sealed record SearchStatements(
    string Count, IReadOnlyList<(string Name, SqlValue Value)> CountParameters, string Page, IReadOnlyList<(string Name, SqlValue Value)> PageParameters);

/// <summary><see cref="ICaseSearch"/> on the read model's cases: indexed orders, keyset or offset pages, a capped count.</summary>
public sealed class CaseSearch(WindowDatabase database) : ICaseSearch
{
    /// <summary>
    /// A search counts its matches up to this many: past it the total is served as a lower bound ("10,000+"), since an
    /// exact count of a large share of a million cases costs many times the page itself.
    /// </summary>
    public const int MaxCounted = 10_000;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Steps that hold a case where they are: a department's (ready, claimed), the talent's (returned), a wait.</summary>
    private static readonly string HoldingStatuses = In(StepStatusKind.Ready, StepStatusKind.Claimed, StepStatusKind.Returned, StepStatusKind.Waiting);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

    /// <inheritdoc />
    public async Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var after = filter.After;
        if (after is not null && after.Order != filter.Order)
        {
            throw new ArgumentException($"A key of the {after.Order} order cannot continue a list in the {filter.Order} order.", nameof(filter));
        }

        var page = after?.Page ?? Math.Max(1, filter.Page);
        var statements = Statements(filter with { PageSize = pageSize, Page = page });

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction, statements.Count, statements.CountParameters);
        var counted = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var capped = counted > MaxCounted;
        var total = Math.Min(counted, MaxCounted);
        var offset = after is null ? (long)(page - 1) * pageSize : 0;

        IReadOnlyList<CaseRow> found = [];
        bool more;
        if (after is null && !capped && ReadsFromEnd(filter, offset, total, pageSize))
        {
            var (sql, parameters) = FromEnd(filter, total - offset, pageSize);
            await using var select = Command(connection, transaction, sql, parameters);
            var reversed = await ReadAllAsync(select, rows.ReadCase, cancellationToken);
            found = [.. reversed.Reverse()];
            more = offset + found.Count < total;
        }
        else
        {
            if (after is not null || capped || offset < total)
            {
                await using var select = Command(connection, transaction, statements.Page, statements.PageParameters);
                found = await ReadAllAsync(select, rows.ReadCase, cancellationToken);
            }

            more = found.Count > pageSize;
        }

        await transaction.CommitAsync(cancellationToken);
        var items = more ? found.Take(pageSize).ToList() : found;
        var next = more ? CaseKey.After(items[^1], filter.Order, page + 1).Encode() : null;
        return new PageOf<CaseRow>(items, page, pageSize, total, capped) { Next = next };
    }

    /// <inheritdoc />
    public async Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT case_id FROM window_cases WHERE number = @number", [("number", Text(number))]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async Task<CaseListDetails> DetailsAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count == 0)
        {
            return new CaseListDetails([], []);
        }

        var ids = caseIds.Distinct(StringComparer.Ordinal).Select((id, i) => ($"id{i}", Text(id))).ToList();
        var list = string.Join(", ", ids.Select(id => "@" + id.Item1));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var items = Command(connection, transaction,
            $"SELECT {ItemColumns} FROM window_case_items WHERE case_id IN ({list}) ORDER BY case_id, item_id", ids);
        var itemRows = await ReadAllAsync(items, rows.ReadItem, cancellationToken);
        await using var steps = Command(connection, transaction,
            $"SELECT {StepColumns} FROM window_steps WHERE case_id IN ({list}) AND status IN {HoldingStatuses} ORDER BY case_id, item_id, step_id", ids);
        var stepRows = await ReadAllAsync(steps, rows.ReadStep, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseListDetails(itemRows, stepRows);
    }

    /// <summary>
    /// The two statements of a search (the capped count and the page, one past its size to know whether another follows)
    /// with their parameters; the storage tests read their plans.
    /// </summary>
    internal SearchStatements Statements(CaseFilter filter)
    {
        var (where, parameters) = Conditions(filter);
        var offset = filter.After is null ? (long)(filter.Page - 1) * filter.PageSize : 0;
        var pageWhere = new List<string>(where);
        var pageParameters = new List<(string, SqlValue)>(parameters) { ("limit", Int(filter.PageSize + 1)), ("offset", Long(offset)) };
        if (filter.After is { } after)
        {
            pageWhere.Add(After(after, pageParameters, ByTerm(filter) ? "t" : "c"));
        }

        // A term alone is counted from its rows in the terms' key: a term is written for a case when it is opened, after its
        // row (a case row is never deleted), so that joining each of them to its case row (10,000 lookups for a common
        // name) would find every one.
        var count = ByTerm(filter) && where.Count == 1
            ? $"SELECT COUNT(*) FROM (SELECT 1 FROM window_case_search_terms t WHERE t.term = @term LIMIT {MaxCounted + 1}) AS counted"
            : $"SELECT COUNT(*) FROM (SELECT 1 FROM {From(filter)} {Where(where)} LIMIT {MaxCounted + 1}) AS counted";
        var page = ByCompletion(filter) && database.Provider == DatabaseProvider.PostgreSql
            ? $"""
               WITH matched AS MATERIALIZED (SELECT c.case_id, c.opened_at FROM window_cases c {Where(pageWhere)})
               SELECT {Prefixed("c", CaseColumns)} FROM (SELECT m.case_id FROM matched m ORDER BY m.opened_at DESC, m.case_id LIMIT @limit OFFSET @offset) AS p
               JOIN window_cases c ON c.case_id = p.case_id ORDER BY {OrderBy(filter)}
               """
            : $"SELECT {Prefixed("c", CaseColumns)} FROM {From(filter)} {Where(pageWhere)} ORDER BY {OrderBy(filter)} LIMIT @limit OFFSET @offset";
        return new SearchStatements(count, parameters, page, pageParameters);
    }

    /// <summary>
    /// Whether the list is the cases completed late in a period, newest first (the dashboard's 期内超期 figure). They are
    /// not among the newest cases (most of those are open or completed on time): walking window_cases_opened newest first
    /// read 100,000 cases for a page of them at 10,000,000 cases, and from its other end (a last page) every case of two
    /// years. On PostgreSQL they are gathered from the period's range of window_cases_completed_with_officer (the fence of a
    /// materialised CTE keeps the planner from that walk), then sorted; a last page is read the same way.
    /// </summary>
    private static bool ByCompletion(CaseFilter filter) =>
        filter.OnTime == false && (filter.CompletedFrom is not null || filter.CompletedBefore is not null) && filter.Order == CaseOrder.Newest && !ByTerm(filter);

    /// <summary>
    /// Whether the page at <paramref name="offset"/> of a list counted exactly (<paramref name="total"/> lines) is read from
    /// the list's end: past its middle (the pager's 末页 and the pages before it), in the reversed order, skipping the
    /// fewer lines after the page instead of every line before it. Not a period's completions: they are among the newer
    /// cases, so that an index walked from its oldest end would pass every case of the years before them.
    /// </summary>
    internal static bool ReadsFromEnd(CaseFilter filter, long offset, long total, int pageSize) =>
        offset < total && total - offset - pageSize < offset && filter.CompletedFrom is null && filter.CompletedBefore is null;

    /// <summary>
    /// The page of a list whose lines from <paramref name="left"/> on (counted from its end, its last line being 1) are the
    /// lines after the page: the list read backwards (its index walked from the other end), up to <paramref name="pageSize"/>
    /// lines after skipping the <c>left - pageSize</c> that follow the page. The caller flips them back.
    /// </summary>
    internal (string Sql, IReadOnlyList<(string Name, SqlValue Value)> Parameters) FromEnd(CaseFilter filter, long left, int pageSize)
    {
        var (where, parameters) = Conditions(filter);
        parameters.Add(("limit", Int((int)Math.Min(pageSize, left))));
        parameters.Add(("offset", Long(Math.Max(0, left - pageSize))));
        return ($"SELECT {Prefixed("c", CaseColumns)} FROM {From(filter)} {Where(where)} ORDER BY {OrderBy(filter, reversed: true)} LIMIT @limit OFFSET @offset",
            parameters);
    }

    /// <summary>
    /// Whether the list is a term's cases newest first: then it is read from the term's rows in the order of their copy of
    /// the case's opened instant (window_case_search_terms_newest), each joined to its case, instead of from every case.
    /// </summary>
    private static bool ByTerm(CaseFilter filter) => filter.Term is not null && filter.Order == CaseOrder.Newest;

    private static string From(CaseFilter filter) =>
        ByTerm(filter) ? "window_case_search_terms t JOIN window_cases c ON c.case_id = t.case_id" : "window_cases c";

    /// <summary>The ORDER BY of a list: the key of its index, so that no sort step is needed (reversed: the index walked backwards).</summary>
    private static string OrderBy(CaseFilter filter, bool reversed = false) =>
        ByTerm(filter) ? (reversed ? "t.opened_at, t.case_id DESC" : "t.opened_at DESC, t.case_id") : OrderBy(filter.Order, reversed);

    /// <summary>The ORDER BY of an order: the key of its index, so that no sort step is needed (reversed: the index walked backwards).</summary>
    internal static string OrderBy(CaseOrder order, bool reversed = false) => (order, reversed) switch
    {
        (CaseOrder.Due, false) => "c.promised_by, c.case_id",
        (CaseOrder.Due, true) => "c.promised_by DESC, c.case_id DESC",
        (_, false) => "c.opened_at DESC, c.case_id",
        _ => "c.opened_at, c.case_id DESC",
    };

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

    private (List<string> Where, List<(string, SqlValue)> Parameters) Conditions(CaseFilter filter)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, SqlValue)>();
        void Add(string condition, string name, SqlValue? value)
        {
            if (value is { Content: not null } given)
            {
                conditions.Add(condition);
                parameters.Add((name, given));
            }
        }

        Add("c.number = @number", "number", Text(filter.Number));
        Add(ByTerm(filter) ? "t.term = @term" : "c.case_id IN (SELECT t.case_id FROM window_case_search_terms t WHERE t.term = @term)", "term", Text(filter.Term));
        if (filter.NumberEndsWith is { } digits)
        {
            var (from, to) = SearchTerm.EndingIn(digits);
            Add("c.case_id IN (SELECT t.case_id FROM window_case_search_terms t WHERE t.term >= @tail_from AND t.term < @tail_to)",
                "tail_from", Text(from));
            parameters.Add(("tail_to", Text(to)));
        }

        Add("c.status = @status", "status", Text(filter.Status));
        Add("c.officer = @officer", "officer", Text(filter.Officer));
        Add("c.light = @light", "light", Text(filter.Light));
        // A lit step of the department and item already says the case has the item and reaches the department: with a
        // step light the two are only its conditions, so the plan starts from the lit steps (window_steps_lit_cases).
        var byStep = filter.StepLight is not null;
        Add("EXISTS (SELECT 1 FROM window_case_items i WHERE i.case_id = c.case_id AND i.item_id = @item)", "item", byStep ? null : Text(filter.Item));

        // A department reaches a case through a step that runs for it: the case grain shows department staff no case
        // whose only steps of theirs were skipped, so neither does the list.
        Add($"EXISTS (SELECT 1 FROM window_steps s WHERE s.case_id = c.case_id AND s.department = @department AND s.status <> {Sql(StepStatusKind.Skipped)})",
            "department", byStep ? null : Text(filter.Department));

        // Lit as the matrix counts it (window_sla_lit_counts): the light, of a case not withdrawn.
        if (filter.StepLight is { } stepLight)
        {
            conditions.Add($"c.case_id IN (SELECT sl.case_id FROM window_steps sl WHERE {LitStep(stepLight, parameters)} AND sl.case_status <> {Sql(CaseStatusKind.Withdrawn)}" +
                (filter.Department is null ? "" : " AND sl.department = @department") + (filter.Item is null ? "" : " AND sl.item_id = @item") + ")");
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("department", filter.Department), ("item", filter.Item)])
        {
            if (byStep && value is not null)
            {
                parameters.Add((name, Text(value)));
            }
        }
        Add("c.opened_at >= @opened_from", "opened_from", rows.Instant(filter.OpenedFrom));
        Add("c.opened_at < @opened_before", "opened_before", rows.Instant(filter.OpenedBefore));
        Add("c.completed_at >= @completed_from", "completed_from", rows.Instant(filter.CompletedFrom));
        Add("c.completed_at < @completed_before", "completed_before", rows.Instant(filter.CompletedBefore));
        if (filter.OnTime is { } onTime)
        {
            conditions.Add($"c.completed_at IS NOT NULL AND {(onTime ? "" : "NOT ")}({CompletedByPromisedDay})");
        }

        if (filter.AtMostOneTrip is { } oneTrip)
        {
            conditions.Add(oneTrip ? "c.trips <= 1" : "c.trips > 1");
        }

        Add("c.evaluation <= @rated_at_most", "rated_at_most", filter.RatedAtMost is { } most ? Int(most) : null);
        Add("c.evaluation = @rated", "rated", filter.Rated is { } level ? Int(level) : null);
        if (filter.Rectification is { } rectification)
        {
            conditions.Add(RectificationCondition(rectification));
        }

        return (conditions, parameters);
    }

    /// <summary>
    /// A completion by the end of the promised day in office time (UTC+8, no daylight saving): the instant 00:00 of the next
    /// office day, in each dialect's stored form, as <c>OfficeTime.EndOf</c> computes it for the SLA figures.
    /// </summary>
    private string CompletedByPromisedDay => database.Provider == DatabaseProvider.PostgreSql
        ? "c.completed_at <= ((c.promised_by + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC'"
        : "c.completed_at <= strftime('%Y-%m-%dT%H:%M:%S', c.promised_by, '+1 day', '-8 hours') || '.000000Z'";

    /// <summary>
    /// The step light's condition, written so that the plan reads window_steps_lit_cases. A light the list accepts (green,
    /// yellow, red) is a literal of the vocabulary: on PostgreSQL <c>light = 'yellow'</c> implies the index's
    /// <c>light IN (...)</c> by itself, where repeating the list made the planner count the light twice and expect 274 of a
    /// department's 16,992 yellow steps at 10,000,000 cases, then sort all their cases. SQLite only uses a partial index
    /// whose WHERE the query repeats, so it keeps the list. Any other text is a parameter that matches no lit step.
    /// </summary>
    private string LitStep(string light, List<(string, SqlValue)> parameters)
    {
        var lit = In(LightKind.Green, LightKind.Yellow, LightKind.Red);
        if (LightKinds.TryParse(light, out var kind) && kind is LightKind.Green or LightKind.Yellow or LightKind.Red)
        {
            return database.Provider == DatabaseProvider.PostgreSql ? $"sl.light = {Sql(kind)}" : $"sl.light IN {lit} AND sl.light = {Sql(kind)}";
        }

        parameters.Add(("step_light", Text(light)));
        return $"sl.light IN {lit} AND sl.light = @step_light";
    }

    /// <summary>The rectification filter's state "an appeal waits for a supervisor" (the rectifications list's word).</summary>
    public const string Appealed = "appealed";

    /// <summary>A rectification's state from the case's journal (the partial index window_case_events_rectification).</summary>
    private static string RectificationCondition(string state)
    {
        var closed = Sla.RectificationJournal.Closed("c");
        return state switch
        {
            RectificationStates.Open => $"{Sla.RectificationJournal.Opened("c")} AND NOT {closed}",
            RectificationStates.Closed => closed,
            Appealed => $"{Sla.RectificationJournal.LatestAppeal("c")} = {Sql(TimelineKind.RatingAppealed)}",
            _ => throw new ArgumentException($"Unknown rectification state {state}.", nameof(state)),
        };
    }

    /// <summary>
    /// The rows after a key in its order. The redundant bound on the leading column (<c>&lt;=</c>, <c>&gt;=</c>) is what
    /// both planners turn into the start of an index range; the OR then only skips the ties before the key.
    /// </summary>
    private string After(CaseKey key, List<(string, SqlValue)> parameters, string table)
    {
        parameters.Add(("after_case", Text(key.CaseId)));
        if (key.Order == CaseOrder.Due)
        {
            parameters.Add(("after_promised", rows.Day(key.PromisedBy)));
            return "c.promised_by >= @after_promised AND (c.promised_by > @after_promised OR c.case_id > @after_case)";
        }

        parameters.Add(("after_opened", rows.Instant(key.OpenedAt)));
        return $"{table}.opened_at <= @after_opened AND ({table}.opened_at < @after_opened OR {table}.case_id > @after_case)";
    }
}
