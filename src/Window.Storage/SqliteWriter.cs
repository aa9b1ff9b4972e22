using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Window.Storage;

/// <summary>
/// The one writer of a SQLite file in this process (issue 26): the command path's writes (grain state through
/// <see cref="FailureDescribingGrainStorage"/>, projections through the read model) pass it one at a time, in arrival
/// order, awaiting their turn instead of blocking a thread.
/// </summary>
/// <remarks>
/// Why: SQLite has one write lock per file, and Microsoft.Data.Sqlite meets a held lock by sleeping 150 ms on the calling
/// thread (<c>Thread.Sleep(150)</c> in <c>SqliteDataReader.NextResult</c>, retried until the command timeout) without
/// SQLite's own busy handler; under 8 concurrent commands those sleeps blocked Orleans' scheduler threads for seconds.
/// Here a writer waits asynchronously for the writes ahead of it, and the projections that queued while one write held
/// the file commit together in one transaction (<see cref="RunGroupAsync{TJob, TResult}"/>), so one fsync carries several.
/// Other writers (the SLA watch, the outbox, another process) still meet the lock, and wait in SQLite's busy handler
/// (<see cref="WindowDatabase.BusyTimeoutMilliseconds"/>) on connections <see cref="WindowDatabase"/> opens.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "One per database file for the life of the process, like the driver's connection pool.")]
public sealed class SqliteWriter
{
    /// <summary>As long as a writer waited for the lock before (the connection's <c>DefaultTimeout</c>).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SqliteWriter> Writers = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim turn = new(1, 1);

    private readonly ConcurrentDictionary<Type, object> groups = new();

    private SqliteWriter()
    {
    }

    /// <summary>The writer of <paramref name="database"/>'s file, or <see langword="null"/> when it is not SQLite.</summary>
    public static SqliteWriter? For(WindowDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == DatabaseProvider.Sqlite
            ? Writers.GetOrAdd(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource, _ => new SqliteWriter())
            : null;
    }

    /// <summary>Runs <paramref name="write"/> alone among this process's writers of the file.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await EnterAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Queues <paramref name="job"/> and, at this writer's turn, runs every job of its kind queued so far with
    /// <paramref name="writeGroup"/> (one transaction for all of them), which completes each job's answer. A caller whose
    /// job an earlier turn already took passes its own turn without writing.
    /// </summary>
    public async Task<TResult> RunGroupAsync<TJob, TResult>(TJob job, Func<IReadOnlyList<Queued<TJob, TResult>>, Task> writeGroup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeGroup);
        var queue = (ConcurrentQueue<Queued<TJob, TResult>>)groups.GetOrAdd(typeof(Queued<TJob, TResult>), _ => new ConcurrentQueue<Queued<TJob, TResult>>());
        var queued = new Queued<TJob, TResult>(job);
        queue.Enqueue(queued);
        try
        {
            await EnterAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SqliteException)
        {
            // Still queued: a later turn writes it (and nobody reads the answer); or already written by an earlier turn.
            if (queued.Answer.Task.IsCompleted)
            {
                return await queued.Answer.Task;
            }

            throw;
        }

        try
        {
            var taken = new List<Queued<TJob, TResult>>();
            while (queue.TryDequeue(out var next))
            {
                taken.Add(next);
            }

            if (taken.Count > 0)
            {
                try
                {
                    await writeGroup(taken);
                }
                catch (Exception exception)
                {
                    foreach (var each in taken)
                    {
                        each.Answer.TrySetException(exception);
                    }
                }
            }
        }
        finally
        {
            turn.Release();
        }

        return await queued.Answer.Task;
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await turn.WaitAsync(Patience, cancellationToken))
        {
            throw new SqliteException("database is locked (waited for the writers ahead in this process)", 5);
        }
    }
}

/// <summary>A job waiting in a <see cref="SqliteWriter"/> group, and its answer once the group has committed.</summary>
public sealed class Queued<TJob, TResult>(TJob job)
{
    /// <summary>What to write.</summary>
    public TJob Job { get; } = job;

    /// <summary>Completed by the group's writer: set after the commit, failed when the job or the commit failed.</summary>
    public TaskCompletionSource<TResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
