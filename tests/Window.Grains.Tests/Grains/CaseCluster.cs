using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Window.Contracts.ReadModel;
using Window.Grains.Tests.Cases;

namespace Window.Grains.Tests.Grains;

/// <summary>One silo with in-memory grain storage, the shipped catalogue and fakes for the grains' ports, shared by a collection.</summary>
public sealed class CaseCluster : IAsyncLifetime
{
    /// <summary>Every projection the silo's grains sent, in order (the silo runs in this process).</summary>
    public static RecordingSink Sink { get; } = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Configurator>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorageAsDefault()
            .ConfigureServices(services => services
                // As the host stores grain state: with the Orleans serializer and the state's stable ids, not JSON.
                .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
                .AddSingleton(TimeProvider.System)
                .AddSingleton(CaseFixtures.Engine)
                .AddSingleton<ICaseProjectionSink>(Sink)
                .AddSingleton<IOfficerDirectory, Officers>()
                .AddSingleton<IOfficerWorkload, Officers>());
    }

    internal sealed class Officers : IOfficerDirectory, IOfficerWorkload
    {
        public Task<IReadOnlyList<string>> OfficersAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(["officer1", "officer2"]);

        public Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int> { ["officer1"] = 3 });
    }
}

/// <summary>A projection sink that keeps what it is sent, per case.</summary>
public sealed class RecordingSink : ICaseProjectionSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<CaseProjection>> received = new(StringComparer.Ordinal);

    public IReadOnlyList<CaseProjection> Of(string caseId) => received.TryGetValue(caseId, out var queue) ? [.. queue] : [];

    public Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        received.GetOrAdd(projection.Case.CaseId, _ => new()).Enqueue(projection);
        return Task.FromResult(true);
    }

    public Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Of(caseId) is { Count: > 0 } list ? list.Max(p => p.Case.Version) : (long?)null);

    public Task<IReadOnlyList<EventRow>> EventsAsync(string caseId, int beforeSeq, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EventRow>>([.. Of(caseId).SelectMany(p => p.Events).Where(e => e.Seq < beforeSeq).DistinctBy(e => e.Seq).OrderBy(e => e.Seq)]);

    public Task<IReadOnlyList<SpanRow>> SpansAsync(string caseId, int beforeNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SpanRow>>([.. Of(caseId).SelectMany(p => p.Spans).Where(s => s.Number < beforeNumber).DistinctBy(s => s.Number).OrderBy(s => s.Number)]);
}

[CollectionDefinition(Name)]
public sealed class CaseClusterCollection : ICollectionFixture<CaseCluster>
{
    public const string Name = "case cluster";
}
