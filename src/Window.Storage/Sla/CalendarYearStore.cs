using System.Data;
using System.Globalization;
using System.Text.Json;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>The working-calendar years administrators published.</summary>
public interface ICalendarYearStore
{
    /// <summary>Stores (or replaces) an administrator's calendar year.</summary>
    Task SaveCalendarYearAsync(StoredCalendarYear year, string by, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every stored calendar year.</summary>
    Task<IReadOnlyList<StoredCalendarYear>> CalendarYearsAsync(CancellationToken cancellationToken = default);
}

/// <summary><see cref="ICalendarYearStore"/> on window_calendar_years; publishing a year enqueues its recount in the same transaction.</summary>
public sealed class CalendarYearStore(WindowDatabase database) : ICalendarYearStore
{
    private readonly SqlAccess access = new(database);

    /// <inheritdoc />
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
            [("year", Int(year.Year)), ("days_off", Text(Days(year.DaysOff))), ("make_up", Text(Days(year.MakeUpWorkdays))), ("now", access.Instant(now)), ("by", Text(by))]))
        {
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var recount = Command(connection, transaction, SqlCalendarRecounts.EnqueueSql, [("year", Int(year.Year)), ("now", access.Instant(now))]))
        {
            await recount.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
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
}
