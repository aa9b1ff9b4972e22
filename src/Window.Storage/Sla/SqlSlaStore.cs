using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>
/// SLA supervision's storage on Window's database (SQLite or PostgreSQL): the escalation outbox and deliveries, the
/// inbox, rectification deadlines, stored calendar years, and the dashboards' queries. Tables and indexes come from the
/// <c>sla</c> migration; every query that filters on light repeats a partial index's WHERE verbatim.
/// </summary>
public sealed class SqlSlaStore(WindowDatabase database)
{
    private const string PendingSql = """
        SELECT d.case_id, d.seq, d.kind, d.detail, d.item_id, d.step_id, d.department, d.at, c.number, c.officer
        FROM window_notification_dispatch d JOIN window_cases c ON c.case_id = d.case_id
        WHERE d.dispatched_at IS NULL AND (d.claimed_until IS NULL OR d.claimed_until <= @now)
        ORDER BY d.at, d.case_id, d.seq LIMIT @limit
        """;

    private const string InboxColumns = "id, recipient, case_id, seq, case_number, kind, light, item_id, step_id, department, at, read_at";

    private const string CompletedWhere = "c.completed_at IS NOT NULL AND c.completed_at >= @from AND c.completed_at < @to";

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>Outbox entries not dispatched and not claimed by a live dispatcher, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> PendingNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PendingSql, [("now", Instant(now)), ("limit", Int(limit))]);
        return await ReadAllAsync(command, reader => new PendingNotification(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), NullableText(reader, 3), NullableText(reader, 4), NullableText(reader, 5), NullableText(reader, 6),
            dialect.ReadInstant(reader, 7), reader.GetString(8), reader.GetString(9)), cancellationToken);
    }

    /// <summary>
    /// Claims an entry until <paramref name="until"/>: true for exactly one of several dispatchers racing for it (a
    /// compare-and-set on the row), false when it is dispatched or another dispatcher's claim is still live.
    /// </summary>
    public async Task<bool> TryClaimAsync(string caseId, int seq, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE window_notification_dispatch SET claimed_until = @until WHERE case_id = @case_id AND seq = @seq " +
            "AND dispatched_at IS NULL AND (claimed_until IS NULL OR claimed_until <= @now)",
            [("until", Instant(until)), ("case_id", Text(caseId)), ("seq", Int(seq)), ("now", Instant(now))], cancellationToken) == 1;

    /// <summary>The recipients an entry has already been delivered to (a retry skips them).</summary>
    public async Task<IReadOnlySet<string>> DeliveredToAsync(string caseId, int seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT recipient FROM window_notification_deliveries WHERE case_id = @case_id AND seq = @seq",
            [("case_id", Text(caseId)), ("seq", Int(seq))]);
        return (await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Records that an entry reached one recipient.</summary>
    public Task RecordDeliveryAsync(string caseId, int seq, string recipient, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "INSERT INTO window_notification_deliveries (case_id, seq, recipient, delivered_at) VALUES (@case_id, @seq, @recipient, @now) " +
            "ON CONFLICT (case_id, seq, recipient) DO NOTHING",
            [("case_id", Text(caseId)), ("seq", Int(seq)), ("recipient", Text(recipient)), ("now", Instant(now))], cancellationToken);

    /// <summary>Marks an entry dispatched (every recipient done).</summary>
    public Task CompleteAsync(string caseId, int seq, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_notification_dispatch SET dispatched_at = @now, claimed_until = NULL WHERE case_id = @case_id AND seq = @seq",
            [("now", Instant(now)), ("case_id", Text(caseId)), ("seq", Int(seq))], cancellationToken);

    /// <summary>Gives a claimed entry back after a failure, so that the next tick retries it.</summary>
    public Task ReleaseAsync(string caseId, int seq, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_notification_dispatch SET claimed_until = NULL, attempts = attempts + 1 WHERE case_id = @case_id AND seq = @seq",
            [("case_id", Text(caseId)), ("seq", Int(seq))], cancellationToken);

    /// <summary>Puts a notification in a recipient's inbox; false when it is already there (a retry).</summary>
    public async Task<bool> InsertInboxAsync(InboxEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await ExecuteAsync(
            "INSERT INTO window_inbox (recipient, case_id, seq, case_number, kind, light, item_id, step_id, department, at) " +
            "VALUES (@recipient, @case_id, @seq, @case_number, @kind, @light, @item_id, @step_id, @department, @at) " +
            "ON CONFLICT (recipient, case_id, seq) DO NOTHING",
            [
                ("recipient", Text(entry.Recipient)), ("case_id", Text(entry.CaseId)), ("seq", Int(entry.Seq)), ("case_number", Text(entry.CaseNumber)),
                ("kind", Text(entry.Kind)), ("light", Text(entry.Light)), ("item_id", Text(entry.ItemId)), ("step_id", Text(entry.StepId)),
                ("department", Text(entry.Department)), ("at", Instant(entry.At)),
            ], cancellationToken) == 1;
    }

    /// <summary>A recipient's newest notifications and how many of all theirs are unread.</summary>
    public async Task<(IReadOnlyList<InboxEntry> Entries, int Unread)> InboxAsync(string recipient, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var select = Command(connection, transaction,
            $"SELECT {InboxColumns} FROM window_inbox WHERE recipient = @recipient ORDER BY id DESC LIMIT @limit",
            [("recipient", Text(recipient)), ("limit", Int(limit))]);
        var entries = await ReadAllAsync(select, ReadInbox, cancellationToken);
        await using var count = Command(connection, transaction, "SELECT COUNT(*) FROM window_inbox WHERE recipient = @recipient AND read_at IS NULL",
            [("recipient", Text(recipient))]);
        var unread = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return (entries, unread);
    }

    /// <summary>Marks one of a recipient's notifications read (the first read time is kept); false when it is not theirs.</summary>
    public async Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE window_inbox SET read_at = COALESCE(read_at, @now) WHERE id = @id AND recipient = @recipient",
            [("now", Instant(now)), ("id", Long(id)), ("recipient", Text(recipient))], cancellationToken) == 1;

    /// <summary>Starts watching a rectification task (once per case; a repeat changes nothing).</summary>
    public Task OpenRectificationAsync(string caseId, DateOnly dueOn, DateTimeOffset warnAt, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "INSERT INTO window_rectifications (case_id, due_on, warn_at, due_at, light) VALUES (@case_id, @due_on, @warn_at, @due_at, 'green') " +
            "ON CONFLICT (case_id) DO NOTHING",
            [("case_id", Text(caseId)), ("due_on", Day(dueOn)), ("warn_at", Instant(warnAt)), ("due_at", Instant(dueAt))], cancellationToken);

    /// <summary>
    /// Turns rectification lights whose instants have passed: each change is a compare-and-set on the row's light and
    /// queues its escalation in the same transaction, so concurrent watchers record and escalate it exactly once.
    /// </summary>
    public async Task<IReadOnlyList<RectificationChange>> AdvanceRectificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(string CaseId, string Light, DateTimeOffset DueAt)> candidates;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var select = Command(connection, null, """
                SELECT case_id, light, due_at FROM window_rectifications WHERE light = 'green' AND warn_at <= @now
                UNION
                SELECT case_id, light, due_at FROM window_rectifications WHERE light IN ('green', 'yellow') AND due_at <= @now
                ORDER BY 3 LIMIT @limit
                """, [("now", Instant(now)), ("limit", Int(limit))]);
            candidates = await ReadAllAsync(select, reader => (reader.GetString(0), reader.GetString(1), dialect.ReadInstant(reader, 2)), cancellationToken);
        }

        var changes = new List<RectificationChange>();
        foreach (var (caseId, light, dueAt) in candidates)
        {
            var to = dueAt <= now ? "red" : "yellow";
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var update = Command(connection, transaction,
                "UPDATE window_rectifications SET light = @to WHERE case_id = @case_id AND light = @from",
                [("to", Text(to)), ("case_id", Text(caseId)), ("from", Text(light))]);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await using var enqueue = Command(connection, transaction,
                    "INSERT INTO window_notification_dispatch (case_id, seq, kind, detail, at) VALUES (@case_id, @seq, 'rectification-light', @to, @now) " +
                    "ON CONFLICT (case_id, seq) DO NOTHING",
                    [("case_id", Text(caseId)), ("seq", Int(to == "red" ? -2 : -1)), ("to", Text(to)), ("now", Instant(now))]);
                await enqueue.ExecuteNonQueryAsync(cancellationToken);
                changes.Add(new RectificationChange(caseId, light, to));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return changes;
    }

    /// <summary>The current light of a case's rectification task, or null when it has none.</summary>
    public async Task<string?> RectificationLightAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT light FROM window_rectifications WHERE case_id = @case_id", [("case_id", Text(caseId))]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Steps lit now, counted by department, item and light (cases not withdrawn).</summary>
    public async Task<IReadOnlyList<LitSteps>> LitStepsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT department, item_id, light, COUNT(*) FROM window_steps " +
            "WHERE light IN ('green', 'yellow', 'red') AND case_status <> 'withdrawn' GROUP BY department, item_id, light", []);
        return await ReadAllAsync(command, reader => new LitSteps(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>Open cases red now, with their items (one row per case and item).</summary>
    public async Task<IReadOnlyList<(string CaseId, string ItemId)>> RedCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT c.case_id, c.items FROM window_cases c WHERE c.light IN ('yellow', 'red') AND c.status = 'open' AND c.light = 'red'", []);
        var cases = await ReadAllAsync(command, reader => (CaseId: reader.GetString(0), Items: CaseScopes.Split(reader.GetString(1))), cancellationToken);
        return [.. cases.SelectMany(c => c.Items.Select(item => (c.CaseId, item)))];
    }

    /// <summary>Steps and cases that turned red in [<paramref name="from"/>, <paramref name="to"/>), from the journal.</summary>
    public async Task<IReadOnlyList<RedEvent>> RedEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT case_id, item_id, step_id, department FROM window_case_events " +
            "WHERE kind = 'light-changed' AND detail = 'red' AND at >= @from AND at < @to",
            [("from", Instant(from)), ("to", Instant(to))]);
        return await ReadAllAsync(command, reader => new RedEvent(reader.GetString(0), NullableText(reader, 1), NullableText(reader, 2), NullableText(reader, 3)), cancellationToken);
    }

    /// <summary>
    /// The items of cases that turned red in the period (case-level breaches count for each item), one row per case and
    /// item. Each event reads its case's copy of its items (a correlated lookup the planner runs as a plain nested loop,
    /// where a join to window_case_items got a parallel plan with two aggregations).
    /// </summary>
    public async Task<IReadOnlyList<(string CaseId, string ItemId)>> ItemsOfRedCasesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT e.case_id, (SELECT c.items FROM window_cases c WHERE c.case_id = e.case_id) FROM window_case_events e " +
            "WHERE e.kind = 'light-changed' AND e.detail = 'red' AND e.at >= @from AND e.at < @to AND e.step_id IS NULL",
            [("from", Instant(from)), ("to", Instant(to))]);
        var cases = await ReadAllAsync(command, reader => (CaseId: reader.GetString(0), Items: reader.IsDBNull(1) ? "" : reader.GetString(1)), cancellationToken);
        return [.. cases.Distinct().SelectMany(c => CaseScopes.Split(c.Items).Select(item => (c.CaseId, item)))];
    }

    /// <summary>The departments of cases that turned red in the period.</summary>
    public async Task<IReadOnlyList<(string CaseId, string Department)>> DepartmentsOfRedCasesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        await PairsAsync(
            "SELECT DISTINCT s.case_id, s.department FROM window_case_events e JOIN window_steps s ON s.case_id = e.case_id " +
            "WHERE e.kind = 'light-changed' AND e.detail = 'red' AND e.at >= @from AND e.at < @to AND e.step_id IS NULL AND s.department <> ''",
            from, to, cancellationToken);

    /// <summary>
    /// Cases completed in [<paramref name="from"/>, <paramref name="to"/>) with their items and departments: one range of
    /// the covering index <c>window_cases_completed_covering</c>, no join (the copies of <see cref="CaseScopes"/>).
    /// </summary>
    public async Task<IReadOnlyList<CompletedCase>> CompletedCasesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT c.case_id, c.opened_at, c.completed_at, c.promised_by, c.trips, c.evaluation, c.items, c.departments " +
            $"FROM window_cases c WHERE {CompletedWhere}",
            [("from", Instant(from)), ("to", Instant(to))]);
        // Tens of thousands of cases share a few dozen combinations of items and of departments: one list per combination.
        var split = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        IReadOnlyList<string> Scopes(string stored) =>
            split.TryGetValue(stored, out var ids) ? ids : split[stored] = CaseScopes.Split(stored);
        return await ReadAllAsync(command, reader => new CompletedCase(
            reader.GetString(0), dialect.ReadInstant(reader, 1), dialect.ReadInstant(reader, 2), dialect.ReadDay(reader, 3), reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5), Scopes(reader.GetString(6)), Scopes(reader.GetString(7))),
            cancellationToken);
    }

    /// <summary>When cases were opened in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> OpenedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT opened_at FROM window_cases WHERE opened_at >= @from AND opened_at < @to",
            [("from", Instant(from)), ("to", Instant(to))]);
        return await ReadAllAsync(command, reader => dialect.ReadInstant(reader, 0), cancellationToken);
    }

    /// <summary>When cases completed in [<paramref name="from"/>, <paramref name="to"/>) completed and were promised by.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset CompletedAt, DateOnly PromisedBy)>> CompletionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT c.completed_at, c.promised_by FROM window_cases c WHERE {CompletedWhere}",
            [("from", Instant(from)), ("to", Instant(to))]);
        return await ReadAllAsync(command, reader => (dialect.ReadInstant(reader, 0), dialect.ReadDay(reader, 1)), cancellationToken);
    }

    /// <summary>Yellow and red steps and open cases now, most overdue first (at most <paramref name="limit"/> of each).</summary>
    public async Task<IReadOnlyList<Breach>> BreachesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var steps = Command(connection, null, """
            SELECT s.case_id, s.case_number, s.item_id, s.step_id, s.department, c.officer, s.due_at, s.light
            FROM window_steps s JOIN window_cases c ON c.case_id = s.case_id
            WHERE s.light IN ('green', 'yellow', 'red') AND s.case_status <> 'withdrawn' AND s.light IN ('yellow', 'red')
            ORDER BY s.due_at, s.case_number, s.item_id, s.step_id LIMIT @limit
            """, [("limit", Int(limit))]);
        var found = (await ReadAllAsync(steps, reader => new Breach(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), NullableInstant(reader, 6), reader.GetString(7)), cancellationToken)).ToList();
        await using var cases = Command(connection, null, """
            SELECT c.case_id, c.number, COALESCE(c.bundle_id, (SELECT MIN(i.item_id) FROM window_case_items i WHERE i.case_id = c.case_id)),
                   c.officer, c.due_at, c.light
            FROM window_cases c WHERE c.light IN ('yellow', 'red') AND c.status = 'open'
            ORDER BY c.due_at, c.number LIMIT @limit
            """, [("limit", Int(limit))]);
        found.AddRange(await ReadAllAsync(cases, reader => new Breach(reader.GetString(0), reader.GetString(1), NullableText(reader, 2), null, null,
            reader.GetString(3), NullableInstant(reader, 4), reader.GetString(5)), cancellationToken));
        return [.. found.OrderBy(b => b.DueAt ?? DateTimeOffset.MaxValue).ThenBy(b => b.CaseNumber, StringComparer.Ordinal)
            .ThenBy(b => b.StepId is null ? 0 : 1).ThenBy(b => b.ItemId, StringComparer.Ordinal).ThenBy(b => b.StepId, StringComparer.Ordinal)];
    }

    /// <summary>Stores (or replaces) an administrator's calendar year.</summary>
    public Task SaveCalendarYearAsync(StoredCalendarYear year, string by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);
        return ExecuteAsync(
            "INSERT INTO window_calendar_years (year, days_off, make_up_workdays, updated_at, updated_by) VALUES (@year, @days_off, @make_up, @now, @by) " +
            "ON CONFLICT (year) DO UPDATE SET days_off = excluded.days_off, make_up_workdays = excluded.make_up_workdays, " +
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [("year", Int(year.Year)), ("days_off", Text(Days(year.DaysOff))), ("make_up", Text(Days(year.MakeUpWorkdays))), ("now", Instant(now)), ("by", Text(by))],
            cancellationToken);
    }

    /// <summary>Every stored calendar year.</summary>
    public async Task<IReadOnlyList<StoredCalendarYear>> CalendarYearsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT year, days_off, make_up_workdays FROM window_calendar_years ORDER BY year", []);
        return await ReadAllAsync(command, reader => new StoredCalendarYear(reader.GetInt32(0), Days(reader.GetString(1)), Days(reader.GetString(2))), cancellationToken);
    }

    private static string Days(IEnumerable<DateOnly> days) =>
        JsonSerializer.Serialize(days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private static List<DateOnly> Days(string json) =>
        [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];

    private async Task<IReadOnlyList<(string, string)>> PairsAsync(string sql, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql, [("from", Instant(from)), ("to", Instant(to))]);
        return await ReadAllAsync(command, reader => (reader.GetString(0), reader.GetString(1)), cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, IEnumerable<(string, SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private InboxEntry ReadInbox(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), NullableText(reader, 6),
        NullableText(reader, 7), NullableText(reader, 8), NullableText(reader, 9), dialect.ReadInstant(reader, 10), NullableInstant(reader, 11));

    private DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : dialect.ReadInstant(reader, ordinal);

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);

    private SqlValue Day(DateOnly value) => new(dialect.Day(value), dialect.DayType);
}
