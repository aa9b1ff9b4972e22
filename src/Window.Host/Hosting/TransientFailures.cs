using System.Diagnostics;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Window.Contracts;
using Window.Storage;

namespace Window.Host.Hosting;

/// <summary>A failure that a retry with the same Idempotency-Key can get past: its stable problem code and how long to wait.</summary>
public sealed record TransientFailure(string Code, string Detail, TimeSpan RetryAfter)
{
    /// <summary>The Retry-After header's value (whole seconds).</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The one list of failures that mean "busy, try again" rather than "broken": answered 503 with Retry-After by the API
/// (<see cref="TransientFailureHandler"/>) and retried by the pages themselves (<see cref="RetryAsync{T}"/>). A silo that
/// died or is not yet declared dead, a database that is away, a timeout, and a write that lost to another activation
/// (that activation has ended; a retry reads the stored state). Everything else stays a 500: a bug does not go away by
/// asking again.
/// </summary>
public static class TransientFailures
{
    /// <summary>A silo is gone or not yet known to be gone (membership is converging).</summary>
    public static readonly TransientFailure ClusterUnavailable = new(
        "cluster_unavailable", "A server of the cluster is unavailable; the request can be retried with the same Idempotency-Key.", TimeSpan.FromSeconds(1));

    /// <summary>The database does not answer or refuses connections for now.</summary>
    public static readonly TransientFailure StorageUnavailable = new(
        "storage_unavailable", "The database is unavailable; the request can be retried with the same Idempotency-Key.", TimeSpan.FromSeconds(2));

    /// <summary>An answer did not come in time.</summary>
    public static readonly TransientFailure Timeout = new(
        "timeout", "The request timed out; it may or may not have been applied: retry it with the same Idempotency-Key.", TimeSpan.FromSeconds(1));

    /// <summary>The grain's write lost to another activation; this one has ended.</summary>
    public static readonly TransientFailure WriteConflict = new(
        "write_conflict", "The change met a concurrent one and was not applied; the request can be retried with the same Idempotency-Key.", TimeSpan.FromSeconds(1));

    /// <summary>How long a page keeps retrying before it shows 系统繁忙: under the 10 s any command may wait, above a failover.</summary>
    public static readonly TimeSpan PageRetryBudget = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan[] PageRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>The transient failure <paramref name="exception"/> is, or <see langword="null"/> when it is not one.</summary>
    public static TransientFailure? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StorageFailureException storage:
                    return storage.IsTransient ? StorageUnavailable : null;
                case System.Data.Common.DbException database:
                    return StorageFailures.Describe(database, "query").IsTransient ? StorageUnavailable : null;
                case InconsistentStateException:
                    return WriteConflict;
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or SocketConnectionException
                    or GatewayTooBusyException or ClientNotAvailableException or OrleansLifecycleCanceledException:
                    return ClusterUnavailable;
                case TimeoutException:
                    return Timeout;
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    return aggregate.InnerExceptions.Select(Classify).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="action"/> and retries it after a transient failure, for <see cref="PageRetryBudget"/>; the
    /// caller must make it safe to repeat (a command with the same idempotency key, a read). Returns the result, or the
    /// last transient failure once the budget is spent; any other exception is thrown.
    /// </summary>
    public static async Task<(T? Result, TransientFailure? Failure)> RetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            TransientFailure failure;
            try
            {
                return (await action(), null);
            }
            catch (Exception exception) when (Classify(exception) is { } transient)
            {
                failure = transient;
                WindowTelemetry.TransientFailures.Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Outcome, transient.Code));
            }

            var delay = PageRetryDelays[Math.Min(attempt, PageRetryDelays.Length - 1)];
            if (Stopwatch.GetElapsedTime(started) + delay > PageRetryBudget)
            {
                return (default, failure);
            }

            await Task.Delay(delay, cancellationToken);
        }
    }
}
