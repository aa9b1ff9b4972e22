using System.Collections.Immutable;
using Window.Contracts;

namespace Window.Grains;

/// <summary>
/// A talent: materials on file and the case holding each item (see <see cref="ITalentGrain"/>). Every change is written
/// through <see cref="StoredState"/>: after a failed write the activation ends, so memory never holds an unsaved change.
/// </summary>
public sealed class TalentGrain(
    [PersistentState("talent")] IPersistentState<TalentGrain.TalentState> store,
    TimeProvider time) : Grain, ITalentGrain
{
    /// <summary>How long a reservation of a case that is still being opened blocks another case.</summary>
    internal static readonly TimeSpan OpeningGrace = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OpenItem>> ReserveAsync(string caseId, IReadOnlyList<string> items)
    {
        var now = time.GetUtcNow();
        var conflicts = new List<OpenItem>();
        foreach (var item in items.Distinct(StringComparer.Ordinal))
        {
            if (store.State.Holders.TryGetValue(item, out var holder) && holder.CaseId != caseId && await StillHoldsAsync(holder, item, now))
            {
                conflicts.Add(new OpenItem(item, holder.CaseId));
            }
        }

        if (conflicts.Count > 0)
        {
            return conflicts;
        }

        var holders = store.State.Holders;
        foreach (var item in items)
        {
            holders = holders.SetItem(item, new Holder(caseId, now));
        }

        await store.WriteAsync(store.State with { Holders = holders }, this);
        return [];
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string caseId)
    {
        var held = store.State.Holders.Where(pair => pair.Value.CaseId == caseId).Select(pair => pair.Key).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var released = store.State with { Holders = store.State.Holders.RemoveRange(held) };
        if (released.Holders.IsEmpty && released.Materials.IsEmpty)
        {
            // A talent whose only opening was refused: nothing of them stays stored.
            await store.ClearAsync(this);
            return;
        }

        await store.WriteAsync(released, this);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> MaterialsOnFileAsync() => Task.FromResult<IReadOnlyList<string>>([.. store.State.Materials]);

    /// <inheritdoc />
    public async Task FileMaterialsAsync(IReadOnlyList<string> materials)
    {
        // Skipping the write is right only because memory never holds what storage does not (StoredState): a failed
        // write ends this activation, so a retry reads the stored materials and writes the missing ones.
        var merged = store.State.Materials.Union(materials);
        if (merged.Count == store.State.Materials.Count)
        {
            return;
        }

        await store.WriteAsync(store.State with { Materials = merged }, this);
    }

    // The case grain is asked, never the other way round: case grains do not call talents, so this cannot deadlock.
    private async Task<bool> StillHoldsAsync(Holder holder, string item, DateTimeOffset now)
    {
        var view = await GrainFactory.GetGrain<ICaseGrain>(holder.CaseId).GetAsync();
        if (view is null)
        {
            return now - holder.ReservedAt < OpeningGrace;
        }

        return view.Status is "open" or "completed" or "delivered"
            && view.Items.Any(i => i.ItemId == item && i.Status == "open");
    }

    /// <summary>The case holding an item and since when.</summary>
    [GenerateSerializer, Immutable, Alias("window.talent-holder.v1")]
    public sealed record Holder([property: Id(0)] string CaseId, [property: Id(1)] DateTimeOffset ReservedAt);

    /// <summary>The persisted talent.</summary>
    [GenerateSerializer, Immutable, Alias("window.talent-state.v1")]
    public sealed record TalentState
    {
        /// <summary>Materials collected once and reused by later cases.</summary>
        [Id(0)] public ImmutableSortedSet<string> Materials { get; init; } = ImmutableSortedSet<string>.Empty;

        /// <summary>For each item, the case that holds (or last held) it.</summary>
        [Id(1)] public ImmutableDictionary<string, Holder> Holders { get; init; } = ImmutableDictionary<string, Holder>.Empty;
    }
}
