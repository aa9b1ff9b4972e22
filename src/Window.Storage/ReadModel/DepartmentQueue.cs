using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>A department's work queue.</summary>
public interface IDepartmentQueue
{
    /// <summary>
    /// The steps ready or claimed for a department, of cases not withdrawn, most urgent first: earliest due
    /// first, steps without a due instant (paused) after them, then by ready time, then by case number.
    /// <paramref name="limit"/> is clamped to 1..1000.
    /// </summary>
    Task<IReadOnlyList<QueueEntry>> DepartmentQueueAsync(string department, int limit = 200, CancellationToken cancellationToken = default);
}

/// <summary>
/// <see cref="IDepartmentQueue"/>: one range of the partial index window_steps_queue, whose WHERE <see cref="SqlDialect.QueueSql"/>
/// repeats and whose key is the whole sort order, so no sort step is needed.
/// </summary>
public sealed class DepartmentQueue(WindowDatabase database) : IDepartmentQueue
{
    /// <summary>The largest queue page one call returns.</summary>
    private const int MaxQueueLimit = 1000;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueEntry>> DepartmentQueueAsync(
        string department, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, dialect.QueueSql,
            [("department", Text(department)), ("limit", Int(Math.Clamp(limit, 1, MaxQueueLimit)))]);
        return await ReadAllAsync(command, rows.ReadQueueEntry, cancellationToken);
    }
}
