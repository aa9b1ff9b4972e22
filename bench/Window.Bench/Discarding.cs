using Orleans.Storage;
using Window.Storage.ReadModel;

namespace Window.Bench;

/// <summary>A read model that stores nothing: runs without it measure the grains alone.</summary>
internal sealed class NullReadModel : IReadModel
{
    public Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default) => Task.FromResult<long?>(long.MaxValue);

    public Task<PageOf<QueueEntry>> DepartmentQueueAsync(QueueQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PageOf<QueueEntry>([], 1, query.PageSize, 0));

    public Task<IReadOnlyList<OpenStepCount>> OpenStepCountsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OpenStepCount>>([]);

    public Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PageOf<CaseRow>([], 1, 20, 0));

    public Task<CaseListDetails> DetailsAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CaseListDetails([], []));

    public Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>());

    public Task<string> FindOrRegisterTalentAsync(string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(candidateTalentId);

    public Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(null);

    public Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CaseAttention>>([]);
}

/// <summary>
/// Grain storage that keeps nothing: an activation holds its state only in itself, so the memory it costs is the
/// activation's alone (in-memory storage would hold a second copy of every state).
/// </summary>
internal sealed class DiscardingGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private long etag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = Interlocked.Increment(ref etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
    }
}
