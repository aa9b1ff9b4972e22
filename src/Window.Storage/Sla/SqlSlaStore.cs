using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlVocabulary;

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
            $"INSERT INTO window_rectifications (case_id, due_on, warn_at, due_at, light) VALUES (@case_id, @due_on, @warn_at, @due_at, {Sql(LightKind.Green)}) " +
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
            await using var select = Command(connection, null, $"""
                SELECT case_id, light, due_at FROM window_rectifications WHERE light = {Sql(LightKind.Green)} AND warn_at <= @now
                UNION
                SELECT case_id, light, due_at FROM window_rectifications WHERE light IN {In(LightKind.Green, LightKind.Yellow)} AND due_at <= @now
                ORDER BY 3 LIMIT @limit
                """, [("now", Instant(now)), ("limit", Int(limit))]);
            candidates = await ReadAllAsync(select, reader => (reader.GetString(0), reader.GetString(1), dialect.ReadInstant(reader, 2)), cancellationToken);
        }

        var changes = new List<RectificationChange>();
        foreach (var (caseId, light, dueAt) in candidates)
        {
            var to = (dueAt <= now ? LightKind.Red : LightKind.Yellow).Stored;
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var update = Command(connection, transaction,
                "UPDATE window_rectifications SET light = @to WHERE case_id = @case_id AND light = @from",
                [("to", Text(to)), ("case_id", Text(caseId)), ("from", Text(light))]);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await using var enqueue = Command(connection, transaction,
                    $"INSERT INTO window_notification_dispatch (case_id, seq, kind, detail, at) VALUES (@case_id, @seq, {Sql(NotificationKind.RectificationLight)}, @to, @now) " +
                    "ON CONFLICT (case_id, seq) DO NOTHING",
                    [("case_id", Text(caseId)), ("seq", Int(to == LightKind.Red.Stored ? -2 : -1)), ("to", Text(to)), ("now", Instant(now))]);
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

    /// <summary>
    /// Steps lit now, counted by department, item and light (cases not withdrawn): the folded counts plus the deltas the
    /// triggers on window_steps appended since the last fold, in one statement (one snapshot, so a fold in between
    /// cannot count a delta twice or not at all).
    /// </summary>
    public async Task<IReadOnlyList<LitSteps>> LitStepsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT department, item_id, light, SUM(n) FROM (
                SELECT department, item_id, light, count AS n FROM window_sla_lit_counts
                UNION ALL SELECT department, item_id, light, delta FROM window_sla_lit_deltas) AS lit
            GROUP BY department, item_id, light HAVING SUM(n) <> 0
            """, []);
        return await ReadAllAsync(command, reader => new LitSteps(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>
    /// Moves the lit-step deltas into the counts; returns how many deltas it moved. PostgreSQL moves exactly the deltas
    /// its statement sees (a delta committed meanwhile waits for the next fold; two folds at once skip each other's
    /// rows); SQLite's write lock keeps every writer out for the two statements.
    /// </summary>
    public async Task<int> FoldLitStepsAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return await ScalarIntAsync("""
                WITH moved AS (DELETE FROM window_sla_lit_deltas RETURNING department, item_id, light, delta),
                     folded AS (
                         INSERT INTO window_sla_lit_counts (department, item_id, light, count)
                         SELECT department, item_id, light, SUM(delta) FROM moved GROUP BY department, item_id, light
                         ON CONFLICT (department, item_id, light) DO UPDATE SET count = window_sla_lit_counts.count + excluded.count)
                SELECT COUNT(*) FROM moved
                """, cancellationToken);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var fold = Command(connection, transaction, """
            INSERT INTO window_sla_lit_counts (department, item_id, light, count)
            SELECT department, item_id, light, SUM(delta) FROM window_sla_lit_deltas WHERE true GROUP BY department, item_id, light
            ON CONFLICT (department, item_id, light) DO UPDATE SET count = window_sla_lit_counts.count + excluded.count
            """, []))
        {
            await fold.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var clear = Command(connection, transaction, "DELETE FROM window_sla_lit_deltas", []);
        var moved = await clear.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>Open cases red now, counted by their items (the case's list of item ids, ordinal order), index-only.</summary>
    public async Task<IReadOnlyList<RedCases>> RedCasesNowAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT items, COUNT(*) FROM window_cases WHERE light = {Sql(LightKind.Red)} AND status = {Sql(CaseStatusKind.Open)} GROUP BY items", []);
        return await ReadAllAsync(command, reader => new RedCases(CaseScopes.Split(reader.GetString(0)),
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>The completed cases and red light changes of [<paramref name="from"/>, <paramref name="to"/>), read live.</summary>
    public async Task<SlaDayRows> DayRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var completed = CompletedCasesAsync(from, to, cancellationToken);
        var red = RedChangesAsync(from, to, cancellationToken);
        return new SlaDayRows(await completed, await red);
    }

    /// <summary>
    /// The stored tallies of the days in [<paramref name="from"/>, <paramref name="to"/>) that no write has marked stale
    /// since they were computed (a mark of the day before the tally's instant); without their figures (empty) unless
    /// <paramref name="figures"/>, for a caller that keeps the figures of a tally it has read once (a tally is identified by
    /// its day and <see cref="StoredSlaDay.ComputedAt"/>: a day tallied again is a new tally).
    /// </summary>
    public async Task<IReadOnlyList<StoredSlaDay>> StoredDaysAsync(DateOnly from, DateOnly to, bool figures = true, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT d.day, d.upto, d.calendar, {(figures ? "d.figures" : "''")}, d.computed_at FROM window_sla_days d
            WHERE d.day >= @from AND d.day < @to AND NOT EXISTS (SELECT 1 FROM window_sla_stale_days s WHERE s.day = d.day AND s.at < d.upto)
            """, [("from", Day(from)), ("to", Day(to))]);
        return await ReadAllAsync(command, reader => new StoredSlaDay(
            dialect.ReadDay(reader, 0), dialect.ReadInstant(reader, 1), reader.GetString(2), reader.GetString(3), dialect.ReadInstant(reader, 4)), cancellationToken);
    }

    /// <summary>
    /// Tallies each of <paramref name="days"/> from its rows in [<see cref="SlaDay.Start"/>, <see cref="SlaDay.End"/>) and
    /// stores the tally with <paramref name="calendar"/> and the end as its instant; returns the tallies. Rows, stale
    /// marks and tallies are read and written in one snapshot, and only the marks that snapshot saw are deleted: a write
    /// committed meanwhile leaves its mark, so its day is tallied again on the next read. When another host stores the
    /// same days at the same moment, this one's tallies are still returned and theirs are kept.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateOnly, string>> RollUpAsync(
        IReadOnlyList<SlaDay> days, string calendar, DateTimeOffset now, Func<SlaDay, SlaDayRows, string> tally, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(tally);
        var figures = new Dictionary<DateOnly, string>();
        if (days.Count == 0)
        {
            return figures;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = database.Provider == DatabaseProvider.PostgreSql
            ? await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : await connection.BeginTransactionAsync(cancellationToken);
        var from = days.Min(d => d.Start);
        var to = days.Max(d => d.End);
        var completed = await ReadCompletedAsync(connection, transaction, from, to, cancellationToken);
        var red = await ReadRedChangesAsync(connection, transaction, from, to, cancellationToken);
        foreach (var day in days)
        {
            var rows = new SlaDayRows(
                [.. completed.Where(c => c.CompletedAt >= day.Start && c.CompletedAt < day.End)],
                [.. red.Where(e => e.At >= day.Start && e.At < day.End)]);
            figures[day.Day] = tally(day, rows);
        }

        try
        {
            foreach (var day in days)
            {
                await using var clear = Command(connection, transaction, "DELETE FROM window_sla_stale_days WHERE day = @day AND at < @upto",
                    [("day", Day(day.Day)), ("upto", Instant(day.End))]);
                await clear.ExecuteNonQueryAsync(cancellationToken);
                await using var store = Command(connection, transaction,
                    "INSERT INTO window_sla_days (day, upto, calendar, figures, computed_at) VALUES (@day, @upto, @calendar, @figures, @now) " +
                    "ON CONFLICT (day) DO UPDATE SET upto = excluded.upto, calendar = excluded.calendar, figures = excluded.figures, computed_at = excluded.computed_at",
                    [("day", Day(day.Day)), ("upto", Instant(day.End)), ("calendar", Text(calendar)), ("figures", Text(figures[day.Day])), ("now", Instant(now))]);
                await store.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState is Npgsql.PostgresErrorCodes.SerializationFailure or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // Another host stored (or cleared the marks of) one of these days after this snapshot began.
            await transaction.RollbackAsync(CancellationToken.None);
        }

        return figures;
    }

    /// <summary>
    /// Cases completed in [<paramref name="from"/>, <paramref name="to"/>) with their items and departments: one range of
    /// the covering index <c>window_cases_completed_covering</c>, no join (the copies of <see cref="CaseScopes"/>).
    /// </summary>
    public async Task<IReadOnlyList<CompletedCase>> CompletedCasesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ReadCompletedAsync(connection, null, from, to, cancellationToken);
    }

    /// <summary>
    /// Red light changes in [<paramref name="from"/>, <paramref name="to"/>), each with its subject's previous red change
    /// (any time before) and, for a case's own light, the case's items. The subject of a change without a step (the
    /// case's light or one of its items') is the case, as the summary counts it.
    /// </summary>
    public async Task<IReadOnlyList<RedChange>> RedChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ReadRedChangesAsync(connection, null, from, to, cancellationToken);
    }

    private async Task<IReadOnlyList<CompletedCase>> ReadCompletedAsync(
        DbConnection connection, DbTransaction? transaction, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT c.case_id, c.opened_at, c.completed_at, c.promised_by, c.trips, c.evaluation, c.items, c.departments " +
            $"FROM window_cases c WHERE {CompletedWhere}",
            [("from", Instant(from)), ("to", Instant(to))]);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new CompletedCase(
            reader.GetString(0), dialect.ReadInstant(reader, 1), dialect.ReadInstant(reader, 2), dialect.ReadDay(reader, 3), reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5), scopes(reader.GetString(6)), scopes(reader.GetString(7))),
            cancellationToken);
    }

    private async Task<IReadOnlyList<RedChange>> ReadRedChangesAsync(
        DbConnection connection, DbTransaction? transaction, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Both lookups repeat window_case_events_red_by_case's WHERE, so each is a probe of that small partial index.
        await using var command = Command(connection, transaction, $"""
            SELECT e.case_id, e.seq, e.at, e.item_id, e.step_id, e.department,
                   (SELECT MAX(p.at) FROM window_case_events p
                    WHERE p.case_id = e.case_id AND p.kind = {Sql(TimelineKind.LightChanged)} AND p.detail = {Sql(LightKind.Red)} AND p.seq < e.seq
                      AND ((e.step_id IS NULL AND p.step_id IS NULL)
                           OR (p.step_id = e.step_id AND COALESCE(p.item_id, '') = COALESCE(e.item_id, '')
                               AND COALESCE(p.department, '') = COALESCE(e.department, '')))),
                   CASE WHEN e.step_id IS NULL THEN (SELECT c.items FROM window_cases c WHERE c.case_id = e.case_id) END
            FROM window_case_events e
            WHERE e.kind = {Sql(TimelineKind.LightChanged)} AND e.detail = {Sql(LightKind.Red)} AND e.at >= @from AND e.at < @to
            """, [("from", Instant(from)), ("to", Instant(to))]);
        var split = CaseScopes.SplitOnce();
        IReadOnlyList<string> Items(DbDataReader reader) => reader.IsDBNull(7) ? [] : split(reader.GetString(7));
        return await ReadAllAsync(command, reader => new RedChange(
            reader.GetString(0), reader.GetInt32(1), dialect.ReadInstant(reader, 2), NullableText(reader, 3), NullableText(reader, 4), NullableText(reader, 5),
            NullableInstant(reader, 6), Items(reader)), cancellationToken);
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
        await using var steps = Command(connection, null, $"""
            SELECT s.case_id, s.case_number, s.item_id, s.step_id, s.department, c.officer, s.due_at, s.light
            FROM window_steps s JOIN window_cases c ON c.case_id = s.case_id
            WHERE s.light IN {In(LightKind.Green, LightKind.Yellow, LightKind.Red)} AND s.case_status <> {Sql(CaseStatusKind.Withdrawn)} AND s.light IN {In(LightKind.Yellow, LightKind.Red)}
            ORDER BY s.due_at, s.case_number, s.item_id, s.step_id LIMIT @limit
            """, [("limit", Int(limit))]);
        var found = (await ReadAllAsync(steps, reader => new Breach(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), NullableInstant(reader, 6), reader.GetString(7)), cancellationToken)).ToList();
        await using var cases = Command(connection, null, $"""
            SELECT c.case_id, c.number, COALESCE(c.bundle_id, (SELECT MIN(i.item_id) FROM window_case_items i WHERE i.case_id = c.case_id)),
                   c.officer, c.due_at, c.light
            FROM window_cases c WHERE c.light IN {In(LightKind.Yellow, LightKind.Red)} AND c.status = {Sql(CaseStatusKind.Open)}
            ORDER BY c.due_at, c.number LIMIT @limit
            """, [("limit", Int(limit))]);
        found.AddRange(await ReadAllAsync(cases, reader => new Breach(reader.GetString(0), reader.GetString(1), NullableText(reader, 2), null, null,
            reader.GetString(3), NullableInstant(reader, 4), reader.GetString(5)), cancellationToken));
        return [.. found.OrderBy(b => b.DueAt ?? DateTimeOffset.MaxValue).ThenBy(b => b.CaseNumber, StringComparer.Ordinal)
            .ThenBy(b => b.StepId is null ? 0 : 1).ThenBy(b => b.ItemId, StringComparer.Ordinal).ThenBy(b => b.StepId, StringComparer.Ordinal)];
    }

    /// <summary>Stores (or replaces) an administrator's calendar year.</summary>
    public async Task SaveCalendarYearAsync(StoredCalendarYear year, string by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);

        // The year and its recount of open cases commit together: a crash between them would leave cases counted on the
        // derived year with nothing left to recount them.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var save = Command(connection, transaction,
            "INSERT INTO window_calendar_years (year, days_off, make_up_workdays, updated_at, updated_by) VALUES (@year, @days_off, @make_up, @now, @by) " +
            "ON CONFLICT (year) DO UPDATE SET days_off = excluded.days_off, make_up_workdays = excluded.make_up_workdays, " +
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [("year", Int(year.Year)), ("days_off", Text(Days(year.DaysOff))), ("make_up", Text(Days(year.MakeUpWorkdays))), ("now", Instant(now)), ("by", Text(by))]))
        {
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var recount = Command(connection, transaction, SqlCalendarRecounts.EnqueueSql, [("year", Int(year.Year)), ("now", Instant(now))]))
        {
            await recount.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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

    private async Task<int> ScalarIntAsync(string scalarSql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, scalarSql, []);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
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
