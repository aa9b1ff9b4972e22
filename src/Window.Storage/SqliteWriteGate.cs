using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Window.Storage;

/// <summary>
/// One writer at a time per SQLite file in this process, in arrival order (issue 26). SQLite takes one writer anyway; left
/// to its busy handler, concurrent grain-state writes and projections retry the write lock with growing sleeps, which is
/// where the embedded profile's multi-second p99 came from. Queued here, a writer waits only for the writes ahead of it.
/// Other processes on the same file still meet the busy timeout, as before.
/// </summary>
internal static class SqliteWriteGate
{
    /// <summary>As long as a writer waited for the lock before (the connection's <c>DefaultTimeout</c>).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of <paramref name="database"/>'s file, or null when it is not SQLite.</summary>
    public static SemaphoreSlim? For(WindowDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == DatabaseProvider.Sqlite
            ? Gates.GetOrAdd(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource, _ => new SemaphoreSlim(1, 1))
            : null;
    }

    /// <summary>Runs <paramref name="write"/> alone on the file; waiting longer than a busy timeout fails as SQLite's busy error would.</summary>
    public static async Task<T> RunAsync<T>(SemaphoreSlim? gate, Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (gate is null)
        {
            return await write();
        }

        if (!await gate.WaitAsync(Patience, cancellationToken))
        {
            throw new SqliteException("database is locked (waited for the writers ahead in this process)", 5);
        }

        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
