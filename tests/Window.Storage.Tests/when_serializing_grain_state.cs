using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Window.Contracts;
using Window.Grains;

namespace Window.Storage.Tests;

/// <summary>The host's grain-state serializer writes what Orleans' stock one writes, so stored cases read either way.</summary>
public sealed class when_serializing_grain_state
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void a_case_state_is_written_byte_for_byte_as_the_stock_serializer_writes_it_and_reads_back_both_ways()
    {
        var state = Case();
        var stock = new OrleansGrainStorageSerializer(Serializer);
        var pooled = new WindowGrainStorageSerializer(Serializer);

        var ours = pooled.Serialize(state).ToArray();
        var theirs = stock.Serialize(state).ToArray();

        Assert.Equal(theirs, ours);
        Assert.True(ours.Length > 4096, "the state is large enough to span several pooled segments");
        var read = pooled.Deserialize<CaseState>(new BinaryData(theirs));
        Assert.Equal(state.Timeline, read.Timeline);
        Assert.Equal(state.Commands.Keys.Order(), read.Commands.Keys.Order());
        Assert.Equal(state.Instance, read.Instance);
        Assert.Same(read.Timeline[0].Actor, read.Timeline[1].Actor);
        Assert.Equal(state.Number, stock.Deserialize<CaseState>(new BinaryData(ours))?.Number);
    }

    private static CaseState Case()
    {
        var clerk = "desk-clerk";
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));
        var timeline = Enumerable.Range(1, 80)
            .Select(seq => new TimelineEntry(seq, at.AddMinutes(seq), clerk, "desk", seq % 2 == 0 ? "health" : null, "step-approved", "checkup", $"review-{seq % 5}", null))
            .ToImmutableList();
        var commands = Enumerable.Range(1, 12).ToImmutableDictionary(
            n => $"{clerk}:key-{n}",
            n => new CommandRecord(new string('a', 32), new CaseOutcome(OutcomeStatus.Ok, null, null, null, []), at.AddHours(n), [1, 2, 3, (byte)n]));
        return new CaseState
        {
            Number = "RC-2026-000042",
            LookupCode = "K7Q2M9",
            TalentId = "talent-1",
            Officer = "officer-1",
            Timeline = timeline,
            Commands = commands,
            Version = 81,
            Instance = Enumerable.Range(0, 900).Select(i => (byte)(i % 251)).ToArray(),
        };
    }
}
