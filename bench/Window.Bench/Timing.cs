using System.Diagnostics;
using Orleans.Storage;
using Window.Storage.ReadModel;

namespace Window.Bench;

/// <summary>
/// The Stopwatch breakdown of a command: time spent in the grain-state write and in each read-model call, summed
/// over a run by decorators around the product's own implementations (the product is not changed).
/// </summary>
internal static class Timing
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> Counters = new(StringComparer.Ordinal);

    public static void Reset() => Counters.Clear();

    public static async Task<T> TimeAsync<T>(string name, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Counters.GetOrAdd(name, _ => new Counter()).Add(Stopwatch.GetTimestamp() - started);
        }
    }

    public static async Task TimeAsync(string name, Func<Task> call) => await TimeAsync(name, async () =>
    {
        await call();
        return 0;
    });

    /// <summary>Each timed call: how many, mean and total milliseconds.</summary>
    public static IReadOnlyList<(string Name, long Calls, double MeanMs, double TotalMs)> Snapshot() =>
        [.. Counters.OrderByDescending(pair => pair.Value.Ticks).Select(pair => (pair.Key, pair.Value.Calls,
            Stopwatch.GetElapsedTime(0, pair.Value.Ticks).TotalMilliseconds / Math.Max(1, pair.Value.Calls),
            Stopwatch.GetElapsedTime(0, pair.Value.Ticks).TotalMilliseconds))];

    private sealed class Counter
    {
        private long calls;
        private long ticks;

        public long Calls => Interlocked.Read(ref calls);

        public long Ticks => Interlocked.Read(ref ticks);

        public void Add(long elapsed)
        {
            Interlocked.Increment(ref calls);
            Interlocked.Add(ref ticks, elapsed);
        }
    }
}

/// <summary>The product's read model, timed per call.</summary>
internal sealed class TimedReadModel(IReadModel inner) : IReadModel
{
    public Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default) =>
        Timing.TimeAsync("read model: ApplyAsync (projection transaction)", () => inner.ApplyAsync(projection, cancellationToken));

    public Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default) =>
        Timing.TimeAsync("read model: VersionOfAsync (activation)", () => inner.VersionOfAsync(caseId, cancellationToken));

    public Task<PageOf<QueueEntry>> DepartmentQueueAsync(QueueQuery query, CancellationToken cancellationToken = default) =>
        inner.DepartmentQueueAsync(query, cancellationToken);

    public Task<IReadOnlyList<OpenStepCount>> OpenStepCountsAsync(CancellationToken cancellationToken = default) =>
        inner.OpenStepCountsAsync(cancellationToken);

    public Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default) =>
        inner.SearchCasesAsync(filter, cancellationToken);

    public Task<CaseListDetails> DetailsAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default) =>
        inner.DetailsAsync(caseIds, cancellationToken);

    public Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        inner.CaseIdByNumberAsync(number, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default) =>
        Timing.TimeAsync("read model: OpenCasesPerOfficerAsync (open)", () => inner.OpenCasesPerOfficerAsync(cancellationToken));

    public Task<string> FindOrRegisterTalentAsync(string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default) =>
        Timing.TimeAsync("read model: FindOrRegisterTalentAsync (HTTP open)", () => inner.FindOrRegisterTalentAsync(idNumberHash, candidateTalentId, cancellationToken));

    public Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default) =>
        Timing.TimeAsync("read model: FindTalentAsync (HTTP open)", () => inner.FindTalentAsync(idNumberHash, cancellationToken));

    public Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default) =>
        inner.CasesNeedingAttentionAsync(now, limit, cancellationToken);
}

/// <summary>The configured grain storage, timed per call and per grain type.</summary>
internal sealed class TimedGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timing.TimeAsync($"grain state: read {grainId.Type}", () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Timing.TimeAsync($"grain state: write {grainId.Type}", () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
