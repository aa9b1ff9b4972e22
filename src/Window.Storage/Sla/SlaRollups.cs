using System.Data;
using System.Data.Common;
using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>
/// The SLA summary's day roll-ups: each day's completed cases and red light changes, tallied once and stored in
/// window_sla_days until a write marks the day stale.
/// </summary>
public sealed class SlaRollups(WindowDatabase database)
{
    internal const string CompletedWhere = "c.completed_at IS NOT NULL AND c.completed_at >= @from AND c.completed_at < @to";

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

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
            """, [("from", access.Day(from)), ("to", access.Day(to))]);
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
                    [("day", access.Day(day.Day)), ("upto", access.Instant(day.End))]);
                await clear.ExecuteNonQueryAsync(cancellationToken);
                await using var store = Command(connection, transaction,
                    "INSERT INTO window_sla_days (day, upto, calendar, figures, computed_at) VALUES (@day, @upto, @calendar, @figures, @now) " +
                    "ON CONFLICT (day) DO UPDATE SET upto = excluded.upto, calendar = excluded.calendar, figures = excluded.figures, computed_at = excluded.computed_at",
                    [("day", access.Day(day.Day)), ("upto", access.Instant(day.End)), ("calendar", Text(calendar)), ("figures", Text(figures[day.Day])), ("now", access.Instant(now))]);
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
    /// the covering index <c>window_cases_completed_with_officer</c>, no join (the copies of <see cref="CaseScopes"/>).
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
            "SELECT c.case_id, c.opened_at, c.completed_at, c.promised_by, c.trips, c.evaluation, c.items, c.departments, c.officer " +
            $"FROM window_cases c WHERE {CompletedWhere}",
            [("from", access.Instant(from)), ("to", access.Instant(to))]);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new CompletedCase(
            reader.GetString(0), dialect.ReadInstant(reader, 1), dialect.ReadInstant(reader, 2), dialect.ReadDay(reader, 3), reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5), scopes(reader.GetString(6)), scopes(reader.GetString(7))) { Officer = reader.GetString(8) },
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
            """, [("from", access.Instant(from)), ("to", access.Instant(to))]);
        var split = CaseScopes.SplitOnce();
        IReadOnlyList<string> Items(DbDataReader reader) => reader.IsDBNull(7) ? [] : split(reader.GetString(7));
        return await ReadAllAsync(command, reader => new RedChange(
            reader.GetString(0), reader.GetInt32(1), dialect.ReadInstant(reader, 2), NullableText(reader, 3), NullableText(reader, 4), NullableText(reader, 5),
            access.NullableInstant(reader, 6), Items(reader)), cancellationToken);
    }
}
