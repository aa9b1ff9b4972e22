using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Window.Host.Tests.Faults;

/// <summary>What the next case-state write does.</summary>
public enum StorageFault
{
    None,
    FailBeforeCommit,
    FailAfterCommit,
    TimeoutAfterCommit,
}

/// <summary>The fault armed for the next case-state write of one host.</summary>
public sealed class FaultPlan
{
    private int next = (int)StorageFault.None;

    /// <summary>Arms the fault for the next case-state write.</summary>
    public void FailNextCaseWrite(StorageFault fault) => Interlocked.Exchange(ref next, (int)fault);

    internal StorageFault Take() => (StorageFault)Interlocked.Exchange(ref next, (int)StorageFault.None);
}

/// <summary>
/// Wraps the silo's grain storage and fails the next write of a case's state as planned: before the write reaches
/// the database, or after it committed (an error, or a timeout the caller cannot tell from a failure).
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
        var fault = grainId.Type.ToString() == "case" ? plan.Take() : StorageFault.None;
        if (fault == StorageFault.FailBeforeCommit)
        {
            throw new InvalidOperationException("Injected storage failure before commit.");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        switch (fault)
        {
            case StorageFault.FailAfterCommit:
                throw new InvalidOperationException("Injected storage failure after commit.");
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
