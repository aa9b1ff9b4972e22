using System.Collections.Immutable;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Sla;

namespace Window.Workflows.Engine;

/// <summary>Where a case stands.</summary>
public enum CaseStatus
{
    /// <summary>Some item is still undecided.</summary>
    Open,

    /// <summary>Every item is decided (approved or rejected).</summary>
    Completed,
}

/// <summary>Where one item of a case stands.</summary>
public enum ItemStatus
{
    /// <summary>Steps are still running.</summary>
    Open,

    /// <summary>Every step was approved, elapsed or skipped.</summary>
    Approved,

    /// <summary>A step rejected the item.</summary>
    Rejected,
}

/// <summary>Where one step stands.</summary>
public enum StepStatus
{
    /// <summary>Waiting for its dependencies.</summary>
    Pending,

    /// <summary>A human step waiting to be claimed or completed (a bookmark).</summary>
    Ready,

    /// <summary>Claimed by a department officer.</summary>
    Claimed,

    /// <summary>Returned for supplement; resumes when the named materials are supplied.</summary>
    Returned,

    /// <summary>A wait step until its <see cref="StepInstance.WaitUntil"/>.</summary>
    Waiting,

    /// <summary>Completed with an outcome, or a wait that elapsed.</summary>
    Done,

    /// <summary>Its condition was false; counts as satisfied for its dependants.</summary>
    Skipped,

    /// <summary>Its item was rejected before it ran.</summary>
    Cancelled,
}

/// <summary>Whether the case holds a material.</summary>
public enum MaterialStatus
{
    /// <summary>Collected.</summary>
    Provided,

    /// <summary>Accepted as missing under 容缺受理; due by <see cref="WorkflowInstance.SupplementDueOn"/>.</summary>
    Deferred,

    /// <summary>Asked for by a return for supplement.</summary>
    Requested,
}

/// <summary>What a journal entry records.</summary>
public enum JournalAction
{
    /// <summary>The window accepted the case.</summary>
    Accepted,

    /// <summary>A step became ready (or started waiting).</summary>
    StepReady,

    /// <summary>A step's condition was false.</summary>
    StepSkipped,

    /// <summary>An officer claimed a step.</summary>
    StepClaimed,

    /// <summary>The officer who claimed a step gave it back; it is ready again.</summary>
    StepReleased,

    /// <summary>A step was completed with an outcome.</summary>
    StepCompleted,

    /// <summary>A step was returned for supplement.</summary>
    StepReturned,

    /// <summary>Materials were supplied.</summary>
    MaterialsSupplied,

    /// <summary>A returned step resumed after its materials were supplied.</summary>
    StepResumed,

    /// <summary>A wait step's time came.</summary>
    WaitElapsed,

    /// <summary>A step was cancelled because its item was rejected.</summary>
    StepCancelled,

    /// <summary>An item was approved.</summary>
    ItemApproved,

    /// <summary>An item was rejected.</summary>
    ItemRejected,

    /// <summary>Every item is decided.</summary>
    CaseCompleted,

    /// <summary>A step was given to a named officer of its department (改派); the reason is the assignee.</summary>
    StepAssigned,
}

/// <summary>One transition: when, who, what, outcome and reason.</summary>
public sealed record JournalEntry(
    int Sequence,
    DateTimeOffset At,
    string Actor,
    JournalAction Action,
    string? ItemId,
    string? StepId,
    Outcome? Outcome,
    string? Reason,
    ImmutableArray<string> Materials);

/// <summary>The state of one step of a running item.</summary>
/// <param name="Id">The step id in the item's definition.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ReadyAt">When it became ready or started waiting.</param>
/// <param name="ClaimedBy">The officer who claimed it.</param>
/// <param name="WaitUntil">For wait steps: when the wait ends.</param>
/// <param name="ReturnedFor">For a returned step: the materials it waits for.</param>
/// <param name="Outcome">The outcome it was completed with.</param>
/// <param name="Clock">The step's own limit clock (human steps).</param>
/// <param name="SupplementDue">For a returned step: the last day to supply what it waits for (absent in instances stored before).</param>
public sealed record StepInstance(
    string Id,
    StepStatus Status,
    DateTimeOffset? ReadyAt,
    string? ClaimedBy,
    DateTimeOffset? WaitUntil,
    ImmutableArray<string> ReturnedFor,
    Outcome? Outcome,
    ClockState? Clock,
    DateOnly? SupplementDue = null);

/// <summary>The state of one item of a case, pinned to the definition version it started with.</summary>
public sealed record ItemInstance(
    string ItemId,
    int Version,
    ItemStatus Status,
    string? Reason,
    ImmutableArray<StepInstance> Steps,
    ClockState Clock);

/// <summary>The state of one material of the case.</summary>
public sealed record MaterialState(string Id, MaterialStatus Status);

/// <summary>
/// A running case: immutable and serializable (see <see cref="WorkflowJson"/>). Produced by
/// <see cref="WorkflowEngine.Start(StartCase, DateTimeOffset)"/> and advanced only by
/// <see cref="WorkflowEngine.Apply(WorkflowInstance, WorkflowCommand, DateTimeOffset)"/>.
/// </summary>
/// <param name="CaseId">The opaque case id the host chose.</param>
/// <param name="BundleId">The bundle the case was opened for, if any.</param>
/// <param name="BundleVersion">That bundle's version.</param>
/// <param name="Status">Open or completed.</param>
/// <param name="AcceptedAt">When the window accepted the case.</param>
/// <param name="Data">Case data that conditions read and outcomes set.</param>
/// <param name="Materials">The case's materials, sorted by id.</param>
/// <param name="SupplementDueOn">The last day to supply deferred materials (容缺受理), if any were deferred.</param>
/// <param name="Items">The items, each pinned to its definition version.</param>
/// <param name="Clock">The case's clock (the promised limit: the longest of its items').</param>
/// <param name="Journal">Every transition, in order.</param>
/// <param name="SuspendedSince">When the case was suspended (中止): every clock stands still until it is resumed.</param>
public sealed record WorkflowInstance(
    string CaseId,
    string? BundleId,
    int? BundleVersion,
    CaseStatus Status,
    DateTimeOffset AcceptedAt,
    ImmutableSortedDictionary<string, CaseValue> Data,
    ImmutableArray<MaterialState> Materials,
    DateOnly? SupplementDueOn,
    ImmutableArray<ItemInstance> Items,
    ClockState Clock,
    ImmutableArray<JournalEntry> Journal,
    DateTimeOffset? SuspendedSince = null);
