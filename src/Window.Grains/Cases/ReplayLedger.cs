using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>
/// The outcomes of applied commands by <c>user:idempotency-key</c>: a retry gets the first response instead of a second
/// effect. Records are kept <see cref="KeyRetention"/>.
/// </summary>
/// <remarks>
/// <para>
/// The newest record stores no view: a case's view is a function of its state and an instant (and the catalogue's
/// calendar and definitions), so while the state is still at the version the command produced, the view is rebuilt from
/// it at the record's time and checked against the record's <see cref="CommandRecord.ViewHash"/>. When a newer command
/// arrives, the record's view (still in this activation's memory, or rebuilt from the state before the command) becomes a
/// <see cref="ViewDelta"/> against the new view, so each older record costs tens of bytes and no compressor runs per
/// command. A change without a command (time catching up, dates recounted) moves the state on without a new record, so
/// it packs the newest view whole (<see cref="PackedView"/>) first (<see cref="Freeze"/>).
/// </para>
/// <para>
/// The opening's record (kept as long as the case, its key names the case) joins the chain the same way; when the record
/// its delta stands on expires, it is encoded again against the newest view.
/// </para>
/// <para>
/// A rebuilt view can differ from the first answer only when something outside the state changed in between (a calendar
/// year published, another build of the view's code) and the view was not in this activation's memory (the opening's
/// never is: a new case's activation stays small). The rebuilt view, the case as it stands at the record's time now, is
/// then answered, and a warning logged.
/// </para>
/// </remarks>
public sealed partial class ReplayLedger(Serializer<CaseView> views, ILogger? logger = null)
{
    /// <summary>
    /// How long applied commands' outcomes are kept for replay: the API promises at least 24 h; the other 12 h cover clocks
    /// that differ between silos and a client that retries the next morning. (48 h until issue 26: a case worked every hour
    /// then kept 48 records, more than twice what a 20-command case stores.)
    /// </summary>
    public static readonly TimeSpan KeyRetention = TimeSpan.FromHours(36);

    /// <summary>How many characters of a request hash a record keeps: 128 bits tell a reused key's other request apart.</summary>
    private const int HashLength = 32;

    /// <summary>
    /// The outcome every applied command's record keeps (its view kept apart): one instance, so a stored state writes it once
    /// and each further record refers to it (Orleans tracks references), a couple of bytes instead of twenty.
    /// </summary>
    private static readonly CaseOutcome Applied = new(OutcomeStatus.Ok, null, null, null, []);

    /// <summary>The serialized view of the newest record this activation wrote, so it is not rebuilt to become a delta.</summary>
    private (string Key, long Version, byte[] Raw)? head;

    /// <summary>The ledger key: keys are the client's, so one user's key never answers another's request.</summary>
    public static string KeyOf(CommandMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return $"{meta.Actor.User}:{meta.IdempotencyKey}";
    }

    /// <summary>
    /// <paramref name="state"/> (the state the command produced) keeping the applied command's outcome for retries: an
    /// opening in its own record (the case id is derived from its key), any other command in the ledger as its new head;
    /// the record whose view was the newest before becomes a delta against the new view. <paramref name="before"/> makes
    /// the view of the state before the command (one version earlier) at an instant; null before the opening.
    /// </summary>
    public CaseState Keep(CaseState state, CommandMeta meta, CaseOutcome outcome, DateTimeOffset now, Func<DateTimeOffset, CaseView>? before = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(outcome?.Case);
        var key = KeyOf(meta);
        var raw = views.SerializeToArray(outcome.Case);
        var kept = outcome with { Case = null, Recorded = null };
        var digest = DigestOf(meta.RequestHash);
        var record = new CommandRecord(digest is null ? Short(meta.RequestHash) : "", kept == Applied ? Applied : kept, now)
        {
            Version = state.Version, ViewHash = HashOf(raw), Digest = digest,
        };
        if (outcome.Status == OutcomeStatus.Created)
        {
            // Not kept in memory: most cases take their next command in another activation, and a new case's activation
            // stays small (the next command rebuilds the opening's view once).
            return state with { Opening = record };
        }

        var previous = state.Version - 1;
        var commands = state.Commands;
        if (state.ReplayHead is { } previousKey && commands.TryGetValue(previousKey, out var newest) && IsWhole(newest))
        {
            commands = commands.SetItem(previousKey, newest with { View = ViewDelta.Encode(raw, RawOf(previousKey, newest, commands, previous, before)), DeltaOf = key });
        }

        var opening = state.Opening;
        if (opening is not null && IsWhole(opening))
        {
            opening = opening with { View = ViewDelta.Encode(raw, RawOf(state.OpeningKey!, opening, state.Commands, previous, before)), DeltaOf = key };
        }

        head = (key, state.Version, raw);
        commands = commands.SetItem(key, record);
        var current = Expired(commands, now, out var dropped);
        if (opening is { DeltaOf: { } openingBase } && dropped.Contains(openingBase))
        {
            // The record the opening's delta stands on expires: the opening stands on the newest view instead.
            opening = opening with { View = ViewDelta.Encode(raw, RawOf(state.OpeningKey!, opening, commands, state.Version, null)), DeltaOf = key };
        }

        return state with { Commands = current, ReplayHead = key, Opening = opening };
    }

    /// <summary>
    /// <paramref name="state"/> (moved on by time or a recount, without a command of its own) with the newest view packed
    /// whole: from then on it cannot be rebuilt from the state. <paramref name="before"/> as for <see cref="Keep"/>.
    /// </summary>
    public CaseState Freeze(CaseState state, Func<DateTimeOffset, CaseView>? before)
    {
        ArgumentNullException.ThrowIfNull(state);
        var previous = state.Version - 1;
        var commands = state.Commands;
        if (state.ReplayHead is { } headKey && commands.TryGetValue(headKey, out var newest) && IsRebuilt(newest))
        {
            commands = commands.SetItem(headKey, newest with { View = PackedView.Compress(RawOf(headKey, newest, commands, previous, before)) });
        }

        var opening = state.Opening is { } first && IsRebuilt(first)
            ? first with { View = PackedView.Compress(RawOf(state.OpeningKey!, first, commands, previous, before)) }
            : state.Opening;
        return state with { Commands = commands, Opening = opening };
    }

    /// <summary>The recorded outcome for a retry, from the records in <paramref name="commands"/> alone (records that store their views).</summary>
    public CaseOutcome Replay(CommandRecord record, CommandMeta meta, ImmutableDictionary<string, CommandRecord>? commands = null) =>
        Replay(record, meta, commands ?? ImmutableDictionary<string, CommandRecord>.Empty, 0, null);

    /// <summary>
    /// The recorded outcome for a retry: its case view rebuilt from <paramref name="state"/> by <paramref name="rebuild"/> (the
    /// view of the state at an instant) when it is the newest, else unpacked or rebuilt from the newer records its delta
    /// stands on; or a refusal when the key came with another request.
    /// </summary>
    public CaseOutcome Replay(CommandRecord record, CommandMeta meta, CaseState state, Func<DateTimeOffset, CaseView> rebuild)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Replay(record, meta, state.Commands, state.Version, rebuild);
    }

    private CaseOutcome Replay(
        CommandRecord record, CommandMeta meta, ImmutableDictionary<string, CommandRecord> commands, long version, Func<DateTimeOffset, CaseView>? rebuild)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(meta);
        if (!SameRequest(record, meta.RequestHash))
        {
            return CaseOutcome.Fail(OutcomeStatus.KeyReused, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        }

        var outcome = record.Outcome with { Replayed = true };
        return record.View is null && !IsRebuilt(record)
            ? outcome
            : outcome with { Case = PackedView.Read(views, RawOf(KeyOf(meta), record, commands, version, rebuild)) };
    }

    /// <summary>
    /// A record's serialized view: its base's (a newer record, so never dropped before it) with its delta applied; packed
    /// whole; or, the newest, this activation's copy or rebuilt by <paramref name="rebuild"/>, the view at an instant of
    /// the state at <paramref name="version"/>.
    /// </summary>
    private byte[] RawOf(
        string key, CommandRecord record, ImmutableDictionary<string, CommandRecord> commands, long version, Func<DateTimeOffset, CaseView>? rebuild)
    {
        if (record.DeltaOf is { } baseKey)
        {
            if (!commands.TryGetValue(baseKey, out var baseRecord))
            {
                throw new InvalidDataException("A replay record's view is a delta against a record the ledger no longer holds.");
            }

            return ViewDelta.Decode(RawOf(baseKey, baseRecord, commands, version, rebuild), record.View!);
        }

        if (head is { } cached && cached.Key == key && cached.Version == record.Version)
        {
            // The newest this activation wrote, rebuildable or packed since by a change without a command.
            return cached.Raw;
        }

        if (record.View is { } packed)
        {
            return PackedView.Decompress(packed);
        }

        if (rebuild is null)
        {
            throw new InvalidDataException("The newest replay record's view is rebuilt from the case's state, which was not given.");
        }

        var raw = views.SerializeToArray(rebuild(record.At));
        if ((version != record.Version || HashOf(raw) != record.ViewHash) && logger is not null)
        {
            // Something outside the state changed since (a calendar year published, another build of the view): the case
            // as it stands at the record's time is the honest answer left, the first one was not kept.
            RebuiltDiffers(logger, record.Version, version);
        }

        return raw;
    }

    /// <summary>The ledger without the records older than the retention (and, should clocks have gone back, those standing on them).</summary>
    private static ImmutableDictionary<string, CommandRecord> Expired(
        ImmutableDictionary<string, CommandRecord> commands, DateTimeOffset now, out IReadOnlySet<string> dropped)
    {
        var old = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, record) in commands)
        {
            if (now - record.At > KeyRetention)
            {
                old.Add(key);
            }
        }

        dropped = old;
        if (old.Count == 0)
        {
            return commands;
        }

        bool more;
        do
        {
            more = false;
            foreach (var (key, record) in commands)
            {
                if (record.DeltaOf is { } baseKey && old.Contains(baseKey) && old.Add(key))
                {
                    more = true;
                }
            }
        }
        while (more);
        return commands.RemoveRange(old);
    }

    /// <summary>Whether a record's view is the newest (rebuilt from the state, not stored): it has a hash, which is never 0.</summary>
    private static bool IsRebuilt(CommandRecord record) => record is { View: null, DeltaOf: null } && record.ViewHash != 0;

    /// <summary>Whether a record's view is whole (packed, or rebuilt from the state): the one a newer view turns into a delta.</summary>
    private static bool IsWhole(CommandRecord record) => record.DeltaOf is null && (record.View is not null || IsRebuilt(record));

    private static uint HashOf(byte[] raw)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, digest);
        // Never 0, which marks records that keep no hash (stored views, or none).
        return BinaryPrimitives.ReadUInt32LittleEndian(digest) | 1;
    }

    private static string Short(string hash) => hash.Length > HashLength ? hash[..HashLength] : hash;

    /// <summary>The kept part of a hexadecimal request hash as bytes (half the stored size of its text), or null for any other text.</summary>
    private static byte[]? DigestOf(string hash)
    {
        var kept = Short(hash);
        return kept.Length == HashLength && kept.All(char.IsAsciiHexDigit) ? Convert.FromHexString(kept) : null;
    }

    /// <summary>Whether a retry's request hash is the one the record kept (as bytes, or as text in older records).</summary>
    private static bool SameRequest(CommandRecord record, string hash) =>
        record.Digest is { } digest ? DigestOf(hash) is { } other && digest.AsSpan().SequenceEqual(other) : Short(record.RequestHash) == Short(hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A replayed answer was rebuilt from the case's state and differs from the first one (record version {RecordVersion}, state version {StateVersion}): the case as it stands now at the record's time was answered")]
    private static partial void RebuiltDiffers(ILogger logger, long recordVersion, long stateVersion);
}
