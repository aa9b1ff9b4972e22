using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>Rectification tasks (整改) after a poor rating, and their lights.</summary>
public interface IRectifications
{
    /// <summary>Starts watching a rectification task (once per case; a repeat changes nothing).</summary>
    Task OpenRectificationAsync(string caseId, DateOnly dueOn, DateTimeOffset warnAt, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns rectification lights whose instants have passed: each change is a compare-and-set on the row's light and
    /// queues its escalation in the same transaction, so concurrent watchers record and escalate it exactly once.
    /// </summary>
    Task<IReadOnlyList<RectificationChange>> AdvanceRectificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The current light of a case's rectification task, or null when it has none.</summary>
    Task<string?> RectificationLightAsync(string caseId, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IRectifications"/> on window_rectifications; each light change queues its escalation in its own transaction.</summary>
public sealed class Rectifications(WindowDatabase database) : IRectifications
{
    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public Task OpenRectificationAsync(string caseId, DateOnly dueOn, DateTimeOffset warnAt, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync(
            $"INSERT INTO window_rectifications (case_id, due_on, warn_at, due_at, light) VALUES (@case_id, @due_on, @warn_at, @due_at, {Sql(LightKind.Green)}) " +
            "ON CONFLICT (case_id) DO NOTHING",
            [("case_id", Text(caseId)), ("due_on", access.Day(dueOn)), ("warn_at", access.Instant(warnAt)), ("due_at", access.Instant(dueAt))], cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RectificationChange>> AdvanceRectificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(string CaseId, string Light, DateTimeOffset DueAt)> candidates;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var select = Command(connection, null, $"""
                SELECT case_id, light, due_at FROM window_rectifications WHERE light = {Sql(LightKind.Green)} AND warn_at <= @now AND {StillOpen}
                UNION
                SELECT case_id, light, due_at FROM window_rectifications WHERE light IN {In(LightKind.Green, LightKind.Yellow)} AND due_at <= @now AND {StillOpen}
                ORDER BY 3 LIMIT @limit
                """, [("now", access.Instant(now)), ("limit", Int(limit))]);
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
                    [("case_id", Text(caseId)), ("seq", Int(to == LightKind.Red.Stored ? -2 : -1)), ("to", Text(to)), ("now", access.Instant(now))]);
                await enqueue.ExecuteNonQueryAsync(cancellationToken);
                changes.Add(new RectificationChange(caseId, light, to));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return changes;
    }

    /// <summary>
    /// A page of rectifications, the earliest due first: <paramref name="status"/> <c>open</c>, <c>closed</c> or
    /// <c>appealed</c> (an appeal waits for a supervisor), or every one when null; only <paramref name="officer"/>'s cases
    /// when given. Their state is read from the case's journal in the read model (closed, appealed, decided).
    /// </summary>
    public async Task<(IReadOnlyList<RectificationRow> Items, int Total)> ListAsync(
        string? status, string? officer, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var closed = RectificationJournal.Closed("o");
        var appeal = RectificationJournal.LatestAppeal("o");
        var rows = $"""
            SELECT o.case_id, c.number, c.officer, o.detail AS due_on, COALESCE(r.light, {Sql(LightKind.Green)}) AS light, c.evaluation,
                   CASE WHEN {closed} THEN 'closed' ELSE 'open' END AS state, {appeal} AS appeal
            FROM window_case_events o
            JOIN window_cases c ON c.case_id = o.case_id
            LEFT JOIN window_rectifications r ON r.case_id = o.case_id
            WHERE o.kind = {Sql(TimelineKind.RectificationOpened)} AND (@officer IS NULL OR c.officer = @officer)
            """;
        var filter = status switch
        {
            RectificationStates.Open => "state = 'open'",
            RectificationStates.Closed => "state = 'closed'",
            "appealed" => $"appeal = {Sql(TimelineKind.RatingAppealed)}",
            _ => "1 = 1",
        };
        IReadOnlyList<(string, string, string, string, string, int?, string, string?)> items;
        int total;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var select = Command(connection, null, $"SELECT * FROM ({rows}) AS x WHERE {filter} ORDER BY due_on, case_id LIMIT @limit OFFSET @offset",
                [("officer", Text(officer)), ("limit", Int(pageSize)), ("offset", Int((page - 1) * pageSize))]);
            items = await ReadAllAsync(select, reader => (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? (int?)null : Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(6), NullableText(reader, 7)), cancellationToken);
            await using var count = Command(connection, null, $"SELECT COUNT(*) FROM ({rows}) AS x WHERE {filter}", [("officer", Text(officer))]);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return ([.. items.Select(i => new RectificationRow(i.Item1, i.Item2, i.Item3, DateOnly.ParseExact(i.Item4, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            i.Item5, i.Item6, i.Item7, i.Item8 switch
            {
                null => null,
                var kind when kind == TimelineKind.RatingAppealed.Stored => RectificationStates.AppealPending,
                var kind when kind == TimelineKind.RatingUpheld.Stored => RectificationStates.AppealUpheld,
                _ => RectificationStates.AppealVoided,
            }))], total);
    }

    /// <summary>A rectification no closing entry (closure, voided rating) ended yet.</summary>
    private static string StillOpen => "NOT " + RectificationJournal.Closed("window_rectifications");

    /// <inheritdoc />
    public async Task<string?> RectificationLightAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT light FROM window_rectifications WHERE case_id = @case_id", [("case_id", Text(caseId))]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}

/// <summary>
/// One rectification (整改) as lists show it: its case, the case's officer (its owner), due day, light, the rating (null
/// once voided), <c>open</c> or <c>closed</c>, and its appeal's state (<see cref="RectificationStates"/>) if appealed.
/// </summary>
public sealed record RectificationRow(string CaseId, string Number, string Officer, DateOnly DueOn, string Light, int? Rating, string State, string? Appeal);
