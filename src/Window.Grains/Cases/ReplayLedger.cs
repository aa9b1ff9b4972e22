using System.Collections.Immutable;
using Orleans.Serialization;
using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>
/// The outcomes of applied commands by <c>user:idempotency-key</c>: a retry gets the first response instead of a second
/// effect. Records are kept <see cref="KeyRetention"/>. The newest record's view is packed whole
/// (<see cref="PackedView"/>, <see cref="CaseState.ReplayHead"/>); when a newer one arrives it becomes a
/// <see cref="ViewDelta"/> against it, so each older record costs tens of bytes instead of a packed view's hundreds.
/// </summary>
public sealed class ReplayLedger(Serializer<CaseView> views)
{
    /// <summary>How long applied commands' outcomes are kept for replay (the API promises at least 24 h).</summary>
    public static readonly TimeSpan KeyRetention = TimeSpan.FromHours(48);

    /// <summary>How many characters of a request hash a record keeps: 128 bits tell a reused key's other request apart.</summary>
    private const int HashLength = 32;

    /// <summary>The serialized view of the head record this activation last wrote, so it is not unpacked to become a delta.</summary>
    private (string Key, byte[] Raw)? head;

    /// <summary>The ledger key: keys are the client's, so one user's key never answers another's request.</summary>
    public static string KeyOf(CommandMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return $"{meta.Actor.User}:{meta.IdempotencyKey}";
    }

    /// <summary>The record of an applied command's outcome, its view packed whole.</summary>
    public CommandRecord Record(CommandMeta meta, CaseOutcome outcome, DateTimeOffset now) => Record(meta, outcome, now, out _);

    private CommandRecord Record(CommandMeta meta, CaseOutcome outcome, DateTimeOffset now, out byte[]? raw)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(outcome);
        raw = outcome.Case is null ? null : views.SerializeToArray(outcome.Case);
        return new(Short(meta.RequestHash), outcome with { Case = null, Recorded = null }, now, raw is null ? null : PackedView.Compress(raw));
    }

    /// <summary>
    /// <paramref name="state"/> keeping the applied command's outcome for retries: an opening in its own record (the case id
    /// is derived from its key), any other command in the ledger as its new head, the previous head turned into a delta.
    /// </summary>
    public CaseState Keep(CaseState state, CommandMeta meta, CaseOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var record = Record(meta, outcome, now, out var raw);
        if (outcome.Status == OutcomeStatus.Created)
        {
            return state with { Opening = record };
        }

        var key = KeyOf(meta);
        var commands = state.Commands;
        if (raw is not null && state.ReplayHead is { } previousKey && commands.TryGetValue(previousKey, out var previous)
            && previous is { View: { } packed, DeltaOf: null })
        {
            var previousRaw = head is { } cached && cached.Key == previousKey ? cached.Raw : PackedView.Decompress(packed);
            commands = commands.SetItem(previousKey, previous with { View = ViewDelta.Encode(raw, previousRaw), DeltaOf = key });
        }

        head = raw is null ? null : (key, raw);
        return state with { Commands = With(commands, key, record, now), ReplayHead = raw is null ? null : key };
    }

    /// <summary>
    /// The recorded outcome for a retry (its case view unpacked, or rebuilt from the newer records its delta stands on in
    /// <paramref name="commands"/>), or a refusal when the key came with another request.
    /// </summary>
    public CaseOutcome Replay(CommandRecord record, CommandMeta meta, ImmutableDictionary<string, CommandRecord>? commands = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(meta);
        if (Short(record.RequestHash) != Short(meta.RequestHash))
        {
            return CaseOutcome.Fail(OutcomeStatus.KeyReused, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        }

        var outcome = record.Outcome with { Replayed = true };
        return record.View is null ? outcome : outcome with { Case = PackedView.Read(views, RawOf(record, commands)) };
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

    /// <summary>A record's serialized view: its base's (a newer record, so never dropped before it) with its delta applied.</summary>
    private static byte[] RawOf(CommandRecord record, ImmutableDictionary<string, CommandRecord>? commands)
    {
        if (record.DeltaOf is not { } baseKey)
        {
            return PackedView.Decompress(record.View!);
        }

        if (commands is null || !commands.TryGetValue(baseKey, out var baseRecord))
        {
            throw new InvalidDataException("A replay record's view is a delta against a record the ledger no longer holds.");
        }

        return ViewDelta.Decode(RawOf(baseRecord, commands), record.View!);
    }

    private static string Short(string hash) => hash.Length > HashLength ? hash[..HashLength] : hash;
}
