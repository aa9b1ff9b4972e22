using System.Collections.Immutable;
using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains;

/// <summary>
/// The persisted state of a case. The engine's instance is kept in a binary form of its own (<see cref="EngineInstance"/>,
/// <see cref="Cases.InstanceCodec"/>: Window.Workflows has no Orleans reference; older states hold it as JSON); everything
/// else is Orleans-serialized with stable ids and aliases.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.case-state.v1")]
public sealed record CaseState
{
    [Id(0)] public string? Number { get; init; }
    [Id(1)] public string LookupCode { get; init; } = "";
    [Id(2)] public string TalentId { get; init; } = "";
    [Id(3)] public byte[] SealedIdentity { get; init; } = [];
    [Id(4)] public string Tier { get; init; } = "";
    [Id(5)] public string Officer { get; init; } = "";
    /// <summary>The engine instance as UTF-16 JSON: how states written before <see cref="Instance"/> hold it (read, never written).</summary>
    [Id(6)] public string InstanceJson { get; init; } = "";
    /// <summary>
    /// The journal's tail: the entries not yet known to be durable in the read model (<c>window_case_events</c>, where the
    /// whole journal lives), and always the newest entry, which numbers the next (<see cref="Cases.Journal.Entry"/>). A state
    /// written before the journal left it holds the whole journal here: a long tail that the next projections trim.
    /// </summary>
    [Id(7)] public ImmutableList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>Outcomes of applied commands by <c>user:key</c>, kept at least <see cref="Cases.ReplayLedger.KeyRetention"/>.</summary>
    [Id(8)] public ImmutableDictionary<string, CommandRecord> Commands { get; init; } = ImmutableDictionary<string, CommandRecord>.Empty;

    /// <summary>Grows with every change; the read model keeps the newest projection.</summary>
    [Id(9)] public long Version { get; init; }

    /// <summary>open (the engine decides completion), delivered or withdrawn.</summary>
    [Id(10)] public string Lifecycle { get; init; } = "open";
    [Id(11)] public DateTimeOffset? DeliveredAt { get; init; }
    [Id(12)] public int Trips { get; init; }
    [Id(13)] public EvaluationView? Evaluation { get; init; }

    /// <summary>The supplement date the window agreed for each deferred material.</summary>
    [Id(14)] public ImmutableDictionary<string, DateOnly> DeferredDue { get; init; } = ImmutableDictionary<string, DateOnly>.Empty;

    /// <summary>The open command's key, request hash and outcome: the case id is derived from the key, so a retry lands here.</summary>
    [Id(15)] public CommandRecord? Opening { get; init; }
    [Id(16)] public string? OpeningKey { get; init; }

    /// <summary>The promised completion date on the receipt: the promised limit in working days after acceptance.</summary>
    [Id(17)] public DateOnly PromisedBy { get; init; }

    /// <summary>The last light recorded in the journal for the case ("case") and each active step ("item.step").</summary>
    [Id(18)] public ImmutableDictionary<string, string> Lights { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The case's own trace: its id, the acceptance's record (the root every later command's span is a child of) and the
    /// records of the commands since not yet known durable in the read model (<c>window_case_spans</c>, where the rest
    /// live; trimmed with the journal's tail). States written before that hold every record, unnumbered. Transitions keep
    /// their span ids in the timeline.
    /// </summary>
    [Id(19)] public CaseTrace? Trace { get; init; }

    /// <summary>
    /// The engine instance as UTF-8 JSON (<see cref="WorkflowJson"/>), without the engine's own journal: the timeline is
    /// the case's journal, so the instance is not kept twice.
    /// How states written before <see cref="EngineInstance"/> hold it (read, never written).
    /// </summary>
    [Id(20)] public byte[] Instance { get; init; } = [];

    /// <summary>
    /// The fingerprint of the calendar the case's counted dates (promise, waits) were last counted on; a recount on the
    /// same calendar is a no-op. Null in states written before calendars were published at run time.
    /// </summary>
    [Id(21)] public string? CalendarFingerprint { get; init; }

    /// <summary>
    /// The ledger key of the newest replay record, the one whose view is packed whole; every other record written since
    /// keeps its view as a delta against the next newer one (<see cref="CommandRecord.DeltaOf"/>). Null in older states.
    /// Since the head stopped storing its view, its view is rebuilt from this state (see <see cref="CommandRecord"/>), and
    /// packed whole only when the state moves on without a command.
    /// </summary>
    [Id(22)] public string? ReplayHead { get; init; }

    /// <summary>
    /// What the view reads from the journal entries trimmed from <see cref="Timeline"/> (step ends, item decisions, completion,
    /// opinions); null before any was trimmed and in older states.
    /// </summary>
    [Id(23)] public Cases.JournalFacts? Facts { get; init; }

    /// <summary>
    /// The engine instance in <see cref="Cases.InstanceCodec"/>'s binary form, without the engine's own journal; states
    /// written before hold it as JSON in <see cref="Instance"/> or <see cref="InstanceJson"/>, and their next change writes it here.
    /// </summary>
    [Id(24)] public byte[] EngineInstance { get; init; } = [];

    /// <summary>The administrative acts (extensions, a pending suspension or termination, statutory breach, overdue supplements); null before any.</summary>
    [Id(40)] public Cases.CaseActs? Acts { get; init; }

    /// <summary>The rectification a poor rating opened, once an act touched it.</summary>
    [Id(41)] public RectificationView? Rectification { get; init; }

    /// <summary>How the result was handed over and, at the window, who collected it; null before delivery and in older states.</summary>
    [Id(42)] public DeliveryView? Delivery { get; init; }

    public bool IsOpened => Number is not null;

    /// <summary>The engine instance this state holds, whichever field it was written in.</summary>
    public WorkflowInstance ReadInstance() =>
        EngineInstance.Length > 0 ? Cases.InstanceCodec.Read(EngineInstance)
        : Instance.Length > 0 ? WorkflowJson.Deserialize(Instance) : WorkflowJson.Deserialize(InstanceJson);
}

/// <summary>The case's trace id and its command spans, the root (acceptance) first.</summary>
[GenerateSerializer, Immutable, Alias("window.case-trace.v1")]
public sealed record CaseTrace(
    [property: Id(0)] string TraceId,
    [property: Id(1)] ImmutableList<CommandSpan> Commands)
{
    /// <summary>Whether the records are numbered; a state written before spans left it holds all of them, unnumbered.</summary>
    public bool IsNumbered => Commands.IsEmpty || Commands[^1].Number > 0;

    /// <summary>The records, each with its number (those of an older state numbered by their place in the whole list).</summary>
    public ImmutableList<CommandSpan> Numbered() => IsNumbered ? Commands : [.. Commands.Select((c, i) => c with { Number = i + 1 })];

    /// <summary>The newest record's number; 0 before any.</summary>
    public int Newest => Commands.IsEmpty ? 0 : IsNumbered ? Commands[^1].Number : Commands.Count;
}

/// <summary>
/// One applied command's span: its id, name, time, the actor's department, the step it addressed, and the
/// sequence number of the first timeline entry it wrote (its transitions run up to the next command's first), and its
/// number in the case (1 = the acceptance; 0 in states written before spans left the state, numbered by their place).
/// </summary>
[GenerateSerializer, Immutable, Alias("window.command-span.v1")]
public sealed record CommandSpan(
    [property: Id(0)] string SpanId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] TimeSpan Duration,
    [property: Id(4)] int FirstSeq,
    [property: Id(5)] string? Department,
    [property: Id(6)] string? StepId,
    [property: Id(7)] int Number = 0);

/// <summary>
/// An applied command's request hash and outcome, replayed for a retry with the same key. The outcome is kept without its
/// case view; <see cref="View"/> holds that view packed (<see cref="PackedView"/>): a tenth of the object graph's memory.
/// Records written before <see cref="View"/> existed keep the view in the outcome. When <see cref="DeltaOf"/> names
/// another record, <see cref="View"/> is not packed but a <see cref="Cases.ViewDelta"/> against that record's view.
/// A record with neither (and a <see cref="Version"/>) is the newest: its view is rebuilt from the state while the state is
/// still at <see cref="Version"/>, at <see cref="At"/>, and checked against <see cref="ViewHash"/>
/// (<see cref="Cases.ReplayLedger"/>). A hexadecimal request hash is kept as its 16 bytes in <see cref="Digest"/>, with
/// <see cref="RequestHash"/> empty (records written before keep the text).
/// </summary>
[GenerateSerializer, Immutable, Alias("window.command-record.v1")]
public sealed record CommandRecord(
    [property: Id(0)] string RequestHash,
    [property: Id(1)] CaseOutcome Outcome,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] byte[]? View = null,
    [property: Id(4)] string? DeltaOf = null,
    [property: Id(5)] long Version = 0,
    [property: Id(6)] uint ViewHash = 0,
    [property: Id(7)] byte[]? Digest = null);
