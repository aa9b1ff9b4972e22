using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Window.Contracts;
using Window.Grains.Cases;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

/// <summary>The replay ledger keeps older views as deltas (issue 26) and still replays records written before it did.</summary>
public sealed class when_replaying_a_command
{
    private static readonly Serializer<CaseView> Views = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<CaseView>>();

    [Fact]
    public void every_kept_key_replays_its_own_view_and_only_the_newest_is_packed_whole()
    {
        var ledger = new ReplayLedger(Views);
        var state = Opened().State;
        var metas = Enumerable.Range(1, 5).Select(n => Meta(Health, $"k{n}")).ToList();
        foreach (var (meta, n) in metas.Select((m, i) => (m, i)))
        {
            state = ledger.Keep(state with { Trips = n }, meta, Ok(View(n)), Now.AddMinutes(n));
        }

        var replays = metas.Select(m => ledger.Replay(state.Commands[ReplayLedger.KeyOf(m)], m, state.Commands)).ToList();

        Assert.Equal([0, 1, 2, 3, 4], replays.Select(r => r.Case!.Trips));
        Assert.All(replays, r => Assert.True(r.Replayed));
        Assert.Equal(ReplayLedger.KeyOf(metas[^1]), state.ReplayHead);
        Assert.Single(state.Commands.Values, r => r.DeltaOf is null);
    }

    [Fact]
    public void a_record_written_by_the_previous_version_still_replays_after_newer_ones()
    {
        // As the previous version wrote it: the whole request hash, the view packed whole, no head in the state.
        var old = Meta(Health, "old") with { RequestHash = new string('a', 64) };
        var state = Opened().State with
        {
            Commands = ImmutableDictionary<string, CommandRecord>.Empty.Add(
                ReplayLedger.KeyOf(old), new CommandRecord(old.RequestHash, Ok(null), Now, PackedView.Pack(Views, View(7)))),
        };
        var ledger = new ReplayLedger(Views);
        state = ledger.Keep(state, Meta(Health, "new-1"), Ok(View(8)), Now.AddMinutes(1));
        state = ledger.Keep(state, Meta(Health, "new-2"), Ok(View(9)), Now.AddMinutes(2));

        var replay = ledger.Replay(state.Commands[ReplayLedger.KeyOf(old)], old, state.Commands);
        var other = ledger.Replay(state.Commands[ReplayLedger.KeyOf(old)], old with { RequestHash = new string('b', 64) }, state.Commands);

        Assert.Equal(7, replay.Case!.Trips);
        Assert.Equal(OutcomeStatus.KeyReused, other.Status);
        Assert.Equal(8, ledger.Replay(state.Commands[ReplayLedger.KeyOf(Meta(Health, "new-1"))], Meta(Health, "new-1"), state.Commands).Case!.Trips);
    }

    private static CaseView View(int trips)
    {
        var (state, instance) = Opened();
        return Settlement.Settle(new CaseState(), null, state with { Trips = trips }, instance, Context()).View;
    }

    private static CaseOutcome Ok(CaseView? view) => new(OutcomeStatus.Ok, null, null, view, []);
}
