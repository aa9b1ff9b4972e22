using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Window.Grains.Tests.Cases;

namespace Window.Grains.Tests.Grains;

/// <summary>
/// One silo whose grain storage keeps each state as the bytes the host's serializer makes of it (so a test can weigh
/// what a case stores and every read goes through the serializer), on a clock the tests move.
/// </summary>
public sealed class BytesCluster : IAsyncLifetime
{
    public static BytesStorage Storage { get; } = new();

    public static FakeTimeProvider Clock { get; } = new(CaseFixtures.Now);

    /// <summary>The silo's warnings (tests of one collection run one at a time).</summary>
    public static SiloWarnings Warnings { get; } = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Configurator>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .ConfigureServices(services => services
                .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
                .AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) => Storage.Using(provider.GetRequiredService<IGrainStorageSerializer>()))
                .AddSingleton<TimeProvider>(Clock)
                .AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Warnings)
                .AddSingleton(CaseFixtures.Engine)
                .AddSingleton<ICaseProjectionSink>(new RecordingSink())
                .AddSingleton<IOfficerDirectory, CaseCluster.Officers>()
                .AddSingleton<IOfficerWorkload, CaseCluster.Officers>());
    }
}

/// <summary>Grain storage holding serialized bytes per grain, as a database row would.</summary>
public sealed class BytesStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, (byte[] Bytes, string ETag)> rows = new();
    private IGrainStorageSerializer? serializer;

    public BytesStorage Using(IGrainStorageSerializer value)
    {
        serializer = value;
        return this;
    }

    /// <summary>The stored bytes of a grain's state.</summary>
    public byte[] BytesOf(GrainId grain) => rows[grain].Bytes;

    /// <summary>Stores <paramref name="bytes"/> as a grain's state, as an older version of the code wrote them.</summary>
    public void Put(GrainId grain, byte[] bytes) => rows[grain] = (bytes, Guid.NewGuid().ToString("N"));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (rows.TryGetValue(grainId, out var row))
        {
            grainState.State = serializer!.Deserialize<T>(new BinaryData(row.Bytes));
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer!.Serialize(grainState.State).ToArray();
        var etag = Guid.NewGuid().ToString("N");
        rows[grainId] = (bytes, etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        rows.TryRemove(grainId, out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class BytesClusterCollection : ICollectionFixture<BytesCluster>
{
    public const string Name = "bytes cluster";
}
