using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>
/// Finds cases whose read model is behind their grain state: the state was written and the projection was not (a crash
/// between the two writes, or the read model unreachable at that moment). A case's state version and the Orleans
/// storage row's version grow together (both start at 1, each state write adds 1), so the comparison needs no payload.
/// </summary>
public sealed class ProjectionLag(WindowDatabase database)
{
    /// <summary>The Orleans state name of the case grain's persistent state (the storage row's grain type).</summary>
    public const string CaseStateName = "case";

    /// <summary>
    /// PostgreSQL: writes the recovery marker (an unlogged table's row, which crash recovery empties) and returns whether
    /// it was missing: then the database crashed (or failed over) since it was last written, or it never was, and deferred
    /// projection commits may have been lost. SQLite commits every projection durably: always <see langword="false"/>.
    /// </summary>
    public async Task<bool> MarkRecoveryAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return false;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "INSERT INTO window_recovery_marker (id) VALUES (1) ON CONFLICT (id) DO NOTHING", []);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Up to <paramref name="limit"/> case ids of <paramref name="serviceId"/> whose projection is missing or older than their state.</summary>
    public async Task<IReadOnlyList<string>> CasesBehindAsync(string serviceId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT s.grain_id_extension FROM window_grain_state s
            LEFT JOIN window_cases c ON c.case_id = s.grain_id_extension
            WHERE s.service_id = @service_id AND s.grain_type = @grain_type AND s.payload IS NOT NULL
              AND (c.version IS NULL OR c.version < s.version)
            ORDER BY s.grain_id_extension
            LIMIT @limit
            """,
            [
                ("service_id", Text(serviceId)),
                ("grain_type", Text(CaseStateName)),
                ("limit", Int(Math.Clamp(limit, 1, 10_000))),
            ]);
        return await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken);
    }
}
