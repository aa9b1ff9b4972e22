using System.Globalization;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>A published year's recount of open cases: which publish (<see cref="Generation"/>) and how far it got.</summary>
/// <param name="Year">The published year.</param>
/// <param name="Generation">Grows with every publish of the year; a cursor is moved only for the generation it was read with.</param>
/// <param name="AfterCase">The last case id recounted (case ids are walked in order); empty before the first.</param>
/// <param name="Recounted">How many cases were recounted so far.</param>
/// <param name="FinishedAt">When the last case was done; null while the recount runs.</param>
public sealed record CalendarRecount(int Year, int Generation, string AfterCase, int Recounted, DateTimeOffset? FinishedAt);

/// <summary>
/// The recount jobs publishing a calendar year leaves (window_calendar_recounts, from the provisional_dates migration),
/// the read-model query that walks the open cases whose dates touch the year, and the count of open cases relying on
/// provisional dates. The job is written in the publish's transaction (<see cref="SqlSlaStore.SaveCalendarYearAsync"/>),
/// so a published year always has its recount, and its cursor is stored after each batch, so a restart resumes it.
/// </summary>
public sealed class SqlCalendarRecounts(WindowDatabase database)
{
    /// <summary>Starts (or restarts, for a year published again) the year's recount; parameters @year and @now.</summary>
    internal const string EnqueueSql =
        "INSERT INTO window_calendar_recounts (year, generation, requested_at, after_case, recounted, finished_at) VALUES (@year, 1, @now, '', 0, NULL) " +
        "ON CONFLICT (year) DO UPDATE SET generation = window_calendar_recounts.generation + 1, requested_at = excluded.requested_at, " +
        "after_case = '', recounted = 0, finished_at = NULL";

    // A case touches the year when it was opened before the year ends and a date of it (the printed promise, its own or a
    // step's due instant or wait end) is in the year or later; a paused case (no due instant) may reach it when it resumes.
    private static readonly string TouchingSql = $"""
        SELECT c.case_id FROM window_cases c
        WHERE c.status = {Sql(CaseStatusKind.Open)} AND c.case_id > @after AND c.opened_at < @year_end
          AND (c.promised_by >= @first_day OR c.due_at IS NULL OR c.due_at >= @year_start
               OR EXISTS (SELECT 1 FROM window_steps s WHERE s.case_id = c.case_id AND s.due_at >= @year_start))
        ORDER BY c.case_id LIMIT @limit
        """;

    private static readonly TimeSpan OfficeOffset = TimeSpan.FromHours(8);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>The recounts not finished yet, by year.</summary>
    public async Task<IReadOnlyList<CalendarRecount>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT year, generation, after_case, recounted, finished_at FROM window_calendar_recounts WHERE finished_at IS NULL ORDER BY year", []);
        return await ReadAllAsync(command, Read, cancellationToken);
    }

    /// <summary>The year's recount, or null when the year was never published at run time.</summary>
    public async Task<CalendarRecount?> FindAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT year, generation, after_case, recounted, finished_at FROM window_calendar_recounts WHERE year = @year", [("year", Int(year))]);
        var found = await ReadAllAsync(command, Read, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The next open cases (by id, after <paramref name="afterCase"/>) whose dates touch <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<string>> CasesTouchingAsync(int year, string afterCase, int limit, CancellationToken cancellationToken = default)
    {
        var firstDay = new DateOnly(year, 1, 1);

        // The office's midnight (China Standard Time, UTC+8) on the first day of the year and of the next.
        var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, OfficeOffset);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, TouchingSql,
        [
            ("after", Text(afterCase)), ("year_end", Instant(yearStart.AddYears(1))),
            ("first_day", new SqlValue(dialect.Day(firstDay), dialect.DayType)), ("year_start", Instant(yearStart)),
            ("limit", Int(limit)),
        ]);
        return await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken);
    }

    /// <summary>
    /// Stores that the cases up to <paramref name="afterCase"/> are recounted: only for the generation the batch was read
    /// with, and only forward (two hosts working the same job never move the cursor back).
    /// </summary>
    public async Task AdvanceAsync(CalendarRecount recount, string afterCase, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recount);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE window_calendar_recounts SET after_case = @after, recounted = recounted + @count " +
            "WHERE year = @year AND generation = @generation AND after_case < @after AND finished_at IS NULL",
            [("after", Text(afterCase)), ("count", Int(count)), ("year", Int(recount.Year)), ("generation", Int(recount.Generation))]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the recount of that generation finished.</summary>
    public async Task FinishAsync(CalendarRecount recount, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recount);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE window_calendar_recounts SET finished_at = @now WHERE year = @year AND generation = @generation AND finished_at IS NULL",
            [("now", Instant(now)), ("year", Int(recount.Year)), ("generation", Int(recount.Generation))]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many open cases have a date counted through an unpublished year (as their last projection saw it).</summary>
    public async Task<int> OpenCasesOnProvisionalDatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT COUNT(*) FROM window_cases WHERE dates_provisional = 1 AND status = {Sql(CaseStatusKind.Open)}", []);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private CalendarRecount Read(System.Data.Common.DbDataReader reader) => new(
        reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : dialect.ReadInstant(reader, 4));

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);
}
