using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Window.Contracts;

namespace Window.Storage;

/// <summary>
/// Turns the drivers' exceptions into <see cref="StorageFailureException"/>: serializable across silos, with the cause's
/// message and SQL state, and an answer to the one question callers have — was the database away (retry later) or did
/// it refuse what we asked (a fault of ours)?
/// </summary>
public static class StorageFailures
{
    // SQLite: BUSY, LOCKED, IOERR, FULL, CANTOPEN — the file is held, full or gone; not a refused statement.
    private static readonly int[] TransientSqliteCodes = [5, 6, 10, 13, 14];

    /// <summary>
    /// The database failure in <paramref name="exception"/> or its causes, described; <see langword="null"/> when none of
    /// them is a database failure. A <see cref="StorageFailureException"/> already in the chain is returned as it is.
    /// </summary>
    public static StorageFailureException? Find(Exception exception, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StorageFailureException known:
                    return known;
                case DbException database:
                    return Describe(database, operation);
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    return aggregate.InnerExceptions.Select(inner => Find(inner, operation)).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }

    /// <summary>One driver exception as a <see cref="StorageFailureException"/>.</summary>
    public static StorageFailureException Describe(DbException exception, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cause = exception.GetType().Name;
        return exception switch
        {
            // A data exception's text quotes the value that failed ("invalid input syntax for type integer: \"...\""):
            // the SQL state says enough. Other texts name constraints, tables and types, never values (Detail, which
            // carries key values, is not in the message unless the connection string asks for it).
            PostgresException postgres => new StorageFailureException(
                operation, cause, postgres.SqlState, IsTransient(postgres),
                postgres.SqlState.StartsWith("22", StringComparison.Ordinal) ? "data exception" : postgres.MessageText),
            NpgsqlException npgsql => new StorageFailureException(
                operation, cause, null, npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
                npgsql.InnerException is { } inner and (IOException or System.Net.Sockets.SocketException or TimeoutException)
                    ? $"{npgsql.Message} ({inner.GetType().Name}: {inner.Message})"
                    : npgsql.Message),
            SqliteException sqlite => new StorageFailureException(
                operation, cause, $"SQLITE_{sqlite.SqliteErrorCode}", TransientSqliteCodes.Contains(sqlite.SqliteErrorCode), sqlite.Message),
            _ => new StorageFailureException(operation, cause, exception.SqlState, exception.IsTransient, exception.Message),
        };
    }

    // Connection exceptions (08), insufficient resources (53), operator intervention — shutdown, crash, starting up (57P0x),
    // system errors (58), serialization failures and deadlocks: the server was away or busy, the statement was fine.
    private static bool IsTransient(PostgresException exception) =>
        exception.IsTransient
        || exception.SqlState.StartsWith("08", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("53", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("57P0", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("58", StringComparison.Ordinal)
        || exception.SqlState is "40001" or "40P01";
}
