using System.Collections.Immutable;
using Orleans.Serialization;
using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>
/// The outcomes of applied commands by <c>user:idempotency-key</c>: a retry gets the first response instead of a second
/// effect. Records are kept <see cref="KeyRetention"/>, their case views packed (<see cref="PackedView"/>).
/// </summary>
public sealed class ReplayLedger(Serializer<CaseView> views)
{
    /// <summary>How long applied commands' outcomes are kept for replay (the API promises at least 24 h).</summary>
    public static readonly TimeSpan KeyRetention = TimeSpan.FromHours(48);

    /// <summary>The ledger key: keys are the client's, so one user's key never answers another's request.</summary>
    public static string KeyOf(CommandMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return $"{meta.Actor.User}:{meta.IdempotencyKey}";
    }

    /// <summary>The record of an applied command's outcome.</summary>
    public CommandRecord Record(CommandMeta meta, CaseOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(outcome);
        return new(meta.RequestHash, outcome with { Case = null }, now, outcome.Case is null ? null : PackedView.Pack(views, outcome.Case));
    }

    /// <summary>
    /// <paramref name="state"/> keeping the applied command's outcome for retries: an opening in its own record (the case id
    /// is derived from its key), any other command in the ledger.
    /// </summary>
    public CaseState Keep(CaseState state, CommandMeta meta, CaseOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var record = Record(meta, outcome, now);
        return outcome.Status == OutcomeStatus.Created
            ? state with { Opening = record }
            : state with { Commands = With(state.Commands, KeyOf(meta), record, now) };
    }

    /// <summary>The recorded outcome for a retry (its case view unpacked), or a refusal when the key came with another request.</summary>
    public CaseOutcome Replay(CommandRecord record, CommandMeta meta)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(meta);
        if (record.RequestHash != meta.RequestHash)
        {
            return CaseOutcome.Fail(OutcomeStatus.KeyReused, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        }

        var outcome = record.Outcome with { Replayed = true };
        return record.View is { } packed ? outcome with { Case = PackedView.Unpack(views, packed) } : outcome;
    }

    /// <summary>The ledger with <paramref name="record"/> under <paramref name="key"/>, records older than the retention dropped.</summary>
    public static ImmutableDictionary<string, CommandRecord> With(
        ImmutableDictionary<string, CommandRecord> commands, string key, CommandRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var kept = commands.Values.Any(r => now - r.At > KeyRetention)
            ? commands.Where(pair => now - pair.Value.At <= KeyRetention).ToImmutableDictionary()
            : commands;
        return kept.SetItem(key, record);
    }
}
