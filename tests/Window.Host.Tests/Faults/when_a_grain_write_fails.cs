using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Window.Contracts;
using Window.Grains;
using Window.Host.Hosting;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Faults;

/// <summary>
/// Every grain's write path is failure-atomic: when a state write fails — before the commit, after it, or with a timeout
/// that hides which — the next call sees only what storage holds and a retry has exactly one effect. The case grain's
/// own test is <see cref="when_storage_fails"/> (through HTTP); the others here, on their real storage.
/// </summary>
public sealed class when_a_grain_write_fails(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public static TheoryData<DatabaseProvider, StorageFault> Faults() =>
        OnBothDatabases.With(StorageFault.FailBeforeCommit, StorageFault.FailAfterCommit, StorageFault.TimeoutAfterCommit);

    public void Dispose() => folder.Dispose();

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task a_talent_shows_only_stored_materials_and_a_retry_files_them_once(DatabaseProvider provider, StorageFault fault)
    {
        var plan = new FaultPlan(provider);
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services => FaultyGrainStorage.Install(services, plan));
        var id = Guid.NewGuid().ToString("N");
        var talent = app.Grains.GetGrain<ITalentGrain>(id);
        await talent.FileMaterialsAsync(["id-card"]);
        var first = await StoredAsync<TalentGrain.TalentState>(app, "talent", "talent", id);

        plan.FailNextWrite("talent", fault);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => talent.FileMaterialsAsync(["degree"]));
        var seen = await talent.MaterialsOnFileAsync();
        var between = await StoredAsync<TalentGrain.TalentState>(app, "talent", "talent", id);
        await talent.FileMaterialsAsync(["degree"]);
        var after = await StoredAsync<TalentGrain.TalentState>(app, "talent", "talent", id);

        Assert.NotNull(TransientFailures.Classify(failure));
        Assert.Equal<string>([.. between.State!.Materials], seen);
        Assert.Equal<string>(fault == StorageFault.FailBeforeCommit ? new[] { "id-card" } : new[] { "degree", "id-card" }, seen);
        Assert.Equal<string>(["degree", "id-card"], [.. after.State!.Materials]);
        // "degree" was stored by exactly one write: the failed one when it committed, else the retry.
        Assert.Equal(Version(first) + 1, Version(after));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task a_case_number_sequence_counts_from_storage_and_never_hands_out_a_number_twice(DatabaseProvider provider, StorageFault fault)
    {
        var plan = new FaultPlan(provider);
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services => FaultyGrainStorage.Install(services, plan));
        var numbers = app.Grains.GetGrain<ICaseNumberGrain>("2031");
        var handedOut = new List<string> { await numbers.NextAsync() };

        plan.FailNextWrite("casenumber", fault);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => numbers.NextAsync());
        var last = await numbers.LastAsync();
        var between = (await StoredAsync<CaseNumberGrain.SequenceState>(app, "case-numbers", "casenumber", "2031")).State!.Last;
        handedOut.Add(await numbers.NextAsync());
        var after = (await StoredAsync<CaseNumberGrain.SequenceState>(app, "case-numbers", "casenumber", "2031")).State!.Last;

        Assert.NotNull(TransientFailures.Classify(failure));
        Assert.Equal($"RC-2031-{between:D6}", last);
        // A number whose write committed unseen is skipped (a gap in the receipts), never handed out again.
        Assert.Equal(fault == StorageFault.FailBeforeCommit ? 1 : 2, between);
        Assert.Equal<string>(["RC-2031-000001", $"RC-2031-{between + 1:D6}"], handedOut);
        Assert.Equal(between + 1, after);
    }

    [Fact]
    public void every_grain_with_stored_state_has_its_write_fault_test()
    {
        var stateful = typeof(CaseGrain).Assembly.GetTypes()
            .Where(type => typeof(Grain).IsAssignableFrom(type)
                && type.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.IsDefined(typeof(PersistentStateAttribute), false)))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal);

        // A new grain with stored state writes through StoredState and gets its own test above; then it joins this list.
        Assert.Equal<string>(["CaseGrain", "CaseNumberGrain", "TalentGrain"], stateful);
    }

    private static async Task<GrainState<T>> StoredAsync<T>(WindowApp app, string stateName, string grainType, string key)
    {
        var stored = new GrainState<T>();
        await app.Services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync(stateName, GrainId.Create(grainType, key), stored);
        return stored;
    }

    private static int Version<T>(GrainState<T> state) => int.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture);
}
