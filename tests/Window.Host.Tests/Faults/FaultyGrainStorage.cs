using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Window.Storage;

namespace Window.Host.Tests.Faults;

/// <summary>What the next write of a grain type's state does.</summary>
public enum StorageFault
{
    None,
    FailBeforeCommit,
    FailAfterCommit,
    TimeoutAfterCommit,
}

/// <summary>
/// The fault armed for the next state write of a grain type on one host, thrown as the database driver would: a connection
/// that broke (Npgsql) or an I/O error (SQLite), or a timeout.
/// </summary>
public sealed class FaultPlan(DatabaseProvider provider = DatabaseProvider.Sqlite)
{
    private readonly ConcurrentDictionary<string, StorageFault> next = new(StringComparer.Ordinal);

    /// <summary>Arms the fault for the next write of a case's state.</summary>
    public void FailNextCaseWrite(StorageFault fault) => FailNextWrite("case", fault);

    /// <summary>Arms the fault for the next write of the state of a grain of <paramref name="grainType"/> ("case", "talent", "casenumber").</summary>
    public void FailNextWrite(string grainType, StorageFault fault) => next[grainType] = fault;

    internal StorageFault Take(string grainType) => next.TryRemove(grainType, out var fault) ? fault : StorageFault.None;

    internal Exception DriverFailure(string when) => provider == DatabaseProvider.PostgreSql
        ? new NpgsqlException("Exception while reading from stream", new IOException($"Injected: the connection broke {when}."))
        : new SqliteException($"SQLite Error 10: 'disk I/O error' (injected {when}).", 10);
}

/// <summary>
/// Wraps the silo's grain storage and fails the next write of a grain type's state as planned: before the write reaches
/// the database, or after it committed (an error, or a timeout the caller cannot tell from a failure) without telling the
/// caller the version it wrote.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, FaultPlan plan) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Puts the wrapper around the default storage of the host's silo.</summary>
    public static void Install(IServiceCollection services, FaultPlan plan)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, "Default"));
        services.AddKeyedSingleton<IGrainStorage>("Default", (provider, key) =>
            new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(provider, key), plan));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = plan.Take(grainId.Type.ToString()!);
        if (fault == StorageFault.FailBeforeCommit)
        {
            throw plan.DriverFailure("before the commit");
        }

        // After the commit, the answer is lost: the caller never learns the new version, as when the connection breaks
        // between the database's commit and its reply.
        var answered = grainState.ETag;
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault != StorageFault.None)
        {
            grainState.ETag = answered;
        }

        switch (fault)
        {
            case StorageFault.FailAfterCommit:
                throw plan.DriverFailure("after the commit");
            case StorageFault.TimeoutAfterCommit:
                throw new TimeoutException("Injected storage timeout after commit.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
