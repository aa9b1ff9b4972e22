using System.Data.Common;
using System.Globalization;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>A page of a department's queue: from an offset (<see cref="Page"/>) or after a key (<see cref="After"/>).</summary>
/// <param name="Department">Whose queue.</param>
/// <param name="PageSize">Clamped to 1..200.</param>
/// <param name="Page">1-based; below 1 reads as 1. Ignored when <see cref="After"/> continues the queue.</param>
public sealed record QueueQuery(string Department, int PageSize = 50, int Page = 1)
{
    /// <summary>Continues the queue after this line's key instead of skipping <see cref="Page"/> - 1 pages.</summary>
    public QueueKey? After { get; init; }

    /// <summary>Only steps of this service item.</summary>
    public string? Item { get; init; }

    /// <summary>Only steps with this light.</summary>
    public string? Light { get; init; }

    /// <summary>Only steps with this status (ready or claimed).</summary>
    public string? Status { get; init; }
}

/// <summary>One statement of the queue and its parameters.</summary>
internal sealed record QueueStatement(string Sql, IReadOnlyList<(string Name, SqlValue Value)> Parameters);

/// <summary>The statements of one page of a queue (<see cref="DepartmentQueue.Statements"/>).</summary>
internal sealed record QueueStatements(QueueStatement Count, QueueStatement Page, QueueStatement? Paused);

/// <summary>How many steps wait in one department's queue with one light.</summary>
public sealed record OpenStepCount(string Department, string Light, int Count);

/// <summary>A department's work queue.</summary>
public interface IDepartmentQueue
{
    /// <summary>
    /// One page of the steps ready or claimed for a department, of cases not withdrawn, most urgent first: earliest due
    /// first, steps without a due instant (paused) after them, then by ready time, then by case number; with the total
    /// (counted up to <see cref="CaseSearch.MaxCounted"/>) and the key of the next page when there is one.
    /// </summary>
    Task<PageOf<QueueEntry>> DepartmentQueueAsync(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>The steps in every department's queue, by department and light (what the open-steps gauge reports).</summary>
    Task<IReadOnlyList<OpenStepCount>> OpenStepCountsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// <see cref="IDepartmentQueue"/>: ranges of the partial index window_steps_queue, whose WHERE every query repeats and whose
/// key is the whole sort order, so no sort step is needed. A page after a key reads from that key in the index (keyset),
/// whatever the depth: steps with a due instant from the key on, then, when the page is not full, the paused steps
/// (no due instant) from their start. Lines of the queue always have a ready instant (a step gets it when it becomes ready).
/// </summary>
public sealed class DepartmentQueue(WindowDatabase database) : IDepartmentQueue
{
    /// <summary>The columns of a queue line, in <see cref="QueueEntry"/> order.</summary>
    private const string Columns = "case_id, case_number, item_id, step_id, department, status, ready_at, warn_at, due_at, light, claimed_by";

    /// <summary>Repeated verbatim from the partial index window_steps_queue, so that both engines can use it.</summary>
    private static readonly string QueueWhere =
        $"status IN {In(StepStatusKind.Ready, StepStatusKind.Claimed)} AND case_status <> {Sql(CaseStatusKind.Withdrawn)}";

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

    private readonly QueueSql sql = QueueSql.For(database.Provider);

    /// <inheritdoc />
    public async Task<PageOf<QueueEntry>> DepartmentQueueAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, CaseSearch.MaxPageSize);
        var page = query.After?.Page ?? Math.Max(1, query.Page);
        var statements = Statements(query with { PageSize = pageSize, Page = page });

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction, statements.Count.Sql, statements.Count.Parameters);
        var counted = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        var found = new List<QueueEntry>(pageSize + 1);
        found.AddRange(await ReadAsync(connection, transaction, statements.Page.Sql, statements.Page.Parameters, cancellationToken));
        if (statements.Paused is { } paused && found.Count <= pageSize)
        {
            found.AddRange(await ReadAsync(connection, transaction, paused.Sql, [.. paused.Parameters, ("limit", Int(pageSize + 1 - found.Count))], cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        var more = found.Count > pageSize;
        var items = more ? found.Take(pageSize).ToList() : found;
        return new PageOf<QueueEntry>(items, page, pageSize, Math.Min(counted, CaseSearch.MaxCounted), counted > CaseSearch.MaxCounted)
        {
            Next = more ? QueueKey.After(items[^1], page + 1).Encode() : null,
        };
    }

    /// <summary>
    /// The statements of a page (one past its size, to know whether another follows): the capped count, the page, and after
    /// a key with a due instant, the paused steps that continue a page the due steps did not fill (its limit is added then).
    /// The storage tests and the bench read their plans.
    /// </summary>
    internal QueueStatements Statements(QueueQuery query)
    {
        var (filter, filters) = Filters(query);
        (string, SqlValue)[] department = [("department", Text(query.Department)), .. filters];
        var limit = ("limit", Int(query.PageSize + 1));
        var count = new QueueStatement(sql.Count(filter), department);
        return query.After switch
        {
            null => new QueueStatements(count,
                new QueueStatement(sql.FromOffset(filter), [.. department, limit, ("offset", Long((long)(query.Page - 1) * query.PageSize))]), null),
            { DueAt: not null } after => new QueueStatements(count,
                new QueueStatement(sql.DueAfter(filter), [.. department, limit, .. Key(after)]), new QueueStatement(sql.Paused(filter), department)),
            var after => new QueueStatements(count, new QueueStatement(sql.PausedAfter(filter), [.. department, limit, .. Key(after)]), null),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OpenStepCount>> OpenStepCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT department, light, COUNT(*) FROM window_steps WHERE {QueueWhere} GROUP BY department, light", []);
        return await ReadAllAsync(command, reader => new OpenStepCount(reader.GetString(0), reader.GetString(1),
            Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);
    }

    private async Task<IReadOnlyList<QueueEntry>> ReadAsync(
        DbConnection connection, DbTransaction transaction, string text, IEnumerable<(string, SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, text, parameters);
        return await ReadAllAsync(command, rows.ReadQueueEntry, cancellationToken);
    }

    /// <summary>
    /// The filters' terms (appended to the index's WHERE, so the range stays one of window_steps_queue) and their values.
    /// On SQLite a column is written <c>+column</c>: an equality on a key column (item_id) otherwise makes its planner sort
    /// the rest of the order in a temporary b-tree; the unary plus keeps the term a plain filter of the ordered range.
    /// </summary>
    internal (string Terms, List<(string, SqlValue)> Values) Filters(QueueQuery query)
    {
        var plain = database.Provider == DatabaseProvider.Sqlite ? "+" : "";
        var terms = new List<string>();
        var values = new List<(string, SqlValue)>();
        foreach (var (column, value) in new[] { ("item_id", query.Item), ("light", query.Light), ("status", query.Status) })
        {
            if (value is not null)
            {
                terms.Add($" AND {plain}{column} = @filter_{column}");
                values.Add(($"filter_{column}", Text(value)));
            }
        }

        return (string.Concat(terms), values);
    }

    private IEnumerable<(string, SqlValue)> Key(QueueKey key) =>
    [
        ("after_due", rows.Instant(key.DueAt)),
        ("after_ready_null", Flag(key.ReadyAt is null)),
        ("after_ready", rows.Instant(key.ReadyAt)),
        ("after_number", Text(key.CaseNumber)),
        ("after_item", Text(key.ItemId)),
        ("after_step", Text(key.StepId)),
    ];

    /// <summary>
    /// The queue's statements for one engine. Each reads one range of window_steps_queue in its key order: the plans are
    /// checked by the storage tests (no sort step) and recorded in bench/results.
    /// </summary>
    internal sealed record QueueSql(string Order, string SegmentOrder, string DueCondition, string PausedCondition, string PausedAfterCondition)
    {
        private static readonly string Where = $"department = @department AND {QueueWhere}";

        /// <summary>
        /// SQLite sorts NULL first: the index key starts <c>due_at IS NULL</c> (0 for steps with a due instant), and a term
        /// <c>(due_at IS NULL) = 0 | 1</c> fixes it, so that the row value after it is the start of a range.
        /// </summary>
        private static readonly QueueSql Sqlite = new(
            "due_at IS NULL, due_at, ready_at IS NULL, ready_at, case_number, item_id, step_id",
            "due_at, ready_at IS NULL, ready_at, case_number, item_id, step_id",
            "(due_at IS NULL) = 0 AND (due_at, ready_at IS NULL, ready_at, case_number, item_id, step_id) > " +
                "(@after_due, @after_ready_null, @after_ready, @after_number, @after_item, @after_step)",
            "(due_at IS NULL) = 1",
            "(due_at IS NULL) = 1 AND (ready_at IS NULL, ready_at, case_number, item_id, step_id) > " +
                "(@after_ready_null, @after_ready, @after_number, @after_item, @after_step)");

        /// <summary>PostgreSQL's ascending order puts NULL last by itself.</summary>
        private static readonly QueueSql PostgreSql = new(
            "due_at, ready_at, case_number, item_id, step_id",
            "due_at, ready_at, case_number, item_id, step_id",
            "due_at IS NOT NULL AND (due_at, ready_at, case_number, item_id, step_id) > " +
                "(@after_due, @after_ready, @after_number, @after_item, @after_step)",
            "due_at IS NULL",
            "due_at IS NULL AND (ready_at, case_number, item_id, step_id) > (@after_ready, @after_number, @after_item, @after_step)");

        public static QueueSql For(DatabaseProvider provider) => provider switch
        {
            DatabaseProvider.Sqlite => Sqlite,
            DatabaseProvider.PostgreSql => PostgreSql,
            _ => throw new InvalidOperationException($"Unknown provider {provider}."),
        };

        /// <summary>
        /// How many lines the queue holds (up to one past the count cap). The order is the index's: it adds no work and makes
        /// SQLite count the partial index (which covers the WHERE) rather than probe every step of the department.
        /// </summary>
        public string Count(string filter = "") =>
            $"SELECT COUNT(*) FROM (SELECT 1 FROM window_steps WHERE {Where}{filter} ORDER BY {Order} LIMIT {CaseSearch.MaxCounted + 1}) AS counted";

        /// <summary>A page from an offset.</summary>
        public string FromOffset(string filter = "") => $"SELECT {Columns} FROM window_steps WHERE {Where}{filter} ORDER BY {Order} LIMIT @limit OFFSET @offset";

        /// <summary>Steps with a due instant after a key.</summary>
        public string DueAfter(string filter = "") => Segment(DueCondition, filter);

        /// <summary>Paused steps (no due instant) from the first.</summary>
        public string Paused(string filter = "") => Segment(PausedCondition, filter);

        /// <summary>Paused steps after a key.</summary>
        public string PausedAfter(string filter = "") => Segment(PausedAfterCondition, filter);

        private string Segment(string condition, string filter) =>
            $"SELECT {Columns} FROM window_steps WHERE {Where}{filter} AND {condition} ORDER BY {SegmentOrder} LIMIT @limit";
    }
}
