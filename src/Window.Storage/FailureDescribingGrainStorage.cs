using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Window.Storage;

/// <summary>
/// Orleans' ADO.NET grain storage with its driver exceptions described as <see cref="Contracts.StorageFailureException"/>
/// (<see cref="StorageFailures"/>), so that a grain whose state cannot be read or written fails with a reason that
/// crosses silos and that the front door can tell apart (the database is away: 503; it refused a statement: 500).
/// On SQLite, writes take their turn at the file's <see cref="SqliteWriter"/> with the read model's projections, so they
/// never meet this process's other writers on SQLite's lock.
/// </summary>
internal sealed class FailureDescribingGrainStorage(IGrainStorage inner, SqliteWriter? writer = null) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Wraps the silo's default grain storage (registered just before) in this.</summary>
    public static void Install(IServiceCollection services, WindowDatabase database)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        var writer = SqliteWriter.For(database);
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, key) =>
            new FailureDescribingGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(provider, key), writer));
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (DbException exception)
        {
            throw StorageFailures.Describe(exception, "read grain state");
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await InTurnAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));
        }
        catch (DbException exception)
        {
            throw StorageFailures.Describe(exception, "write grain state");
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await InTurnAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));
        }
        catch (DbException exception)
        {
            throw StorageFailures.Describe(exception, "clear grain state");
        }
    }

    private async Task InTurnAsync(Func<Task> write)
    {
        if (writer is null)
        {
            await write();
            return;
        }

        await writer.RunAsync(async () =>
        {
            await write();
            return true;
        });
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
