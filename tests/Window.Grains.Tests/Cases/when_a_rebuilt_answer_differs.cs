using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Tests.Grains;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

/// <summary>
/// The newest replay record keeps the view's hash, not the view (issue 26); a rebuilt view that differs from the first
/// answer (a calendar published since, another build) is answered as the case stands, and said so in the log.
/// </summary>
public sealed class when_a_rebuilt_answer_differs
{
    private static readonly Serializer<CaseView> Views = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<CaseView>>();

    [Fact]
    public void the_newest_record_keeps_a_hash_and_a_rebuild_that_matches_it_is_the_first_answer()
    {
        var (state, view, meta) = Kept();
        var record = state.Commands[ReplayLedger.KeyOf(meta)];
        var log = new SiloWarnings();

        var replay = new ReplayLedger(Views, log).Replay(record, meta, state, _ => view);

        Assert.Equal((null, null, state.Version), (record.View, record.DeltaOf, record.Version));
        Assert.NotEqual(0u, record.ViewHash);
        // As the first answer reached its caller (deserialized: its lists are lists, whatever the view was made with).
        Assert.Equal(Views.SerializeToArray(Views.Deserialize(Views.SerializeToArray(view))), Views.SerializeToArray(replay.Case!));
        Assert.Empty(log.Logged);
    }

    [Fact]
    public void a_rebuild_that_differs_is_answered_and_logged_without_personal_data()
    {
        var (state, view, meta) = Kept();
        var log = new SiloWarnings();

        var replay = new ReplayLedger(Views, log).Replay(state.Commands[ReplayLedger.KeyOf(meta)], meta, state, _ => view with { Trips = 9 });

        Assert.True(replay.Replayed);
        Assert.Equal(9, replay.Case!.Trips);
        var warning = Assert.Single(log.Logged);
        Assert.DoesNotContain(view.TalentId, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(view.Number, warning, StringComparison.Ordinal);
    }

    /// <summary>A case's state after one command kept by a ledger whose activation then ended (nothing in memory).</summary>
    private static (CaseState State, CaseView View, CommandMeta Meta) Kept()
    {
        var (opened, instance) = Opened();
        var (settled, _, view) = Settlement.Settle(new CaseState(), null, opened, instance, Context());
        var meta = Meta(Health, "k1");
        return (new ReplayLedger(Views).Keep(settled, meta, new CaseOutcome(OutcomeStatus.Ok, null, null, view, []), Now), view, meta);
    }
}
