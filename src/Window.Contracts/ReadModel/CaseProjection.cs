using System.Globalization;

namespace Window.Contracts.ReadModel;

// These rows are what a case's grain hands to the read model: they live here, not in Window.Storage, so that the grains
// build them without a reference to storage code and the storage writes them without a reference to the grains.

/// <summary>
/// One case as the read model stores it: what queues, search and dashboards query. Written only by the case's
/// grain, from its persisted state, with a version that grows with every change of that state.
/// </summary>
/// <param name="CaseId">The opaque case id (the grain key).</param>
/// <param name="Number">The human-readable number on the receipt (<c>RC-2026-000123</c>), unique.</param>
/// <param name="TalentId">The opaque talent id (never an ID number).</param>
/// <param name="BundleId">The bundle the case was opened for, if any.</param>
/// <param name="Status">open, completed (every item decided), delivered, withdrawn.</param>
/// <param name="Officer">The case officer's user name.</param>
/// <param name="OpenedAt">When the window accepted it.</param>
/// <param name="PromisedBy">The promised completion date printed on the receipt.</param>
/// <param name="WarnAt">When the case turns yellow (null while its clock is paused or when closed).</param>
/// <param name="DueAt">When the case turns red (null while paused or closed).</param>
/// <param name="Light">green, yellow, red, or none (closed).</param>
/// <param name="CompletedAt">When the last item was decided.</param>
/// <param name="DeliveredAt">When the window handed over the result.</param>
/// <param name="Trips">In-person visits recorded (跑动次数), acceptance included.</param>
/// <param name="Evaluation">好差评 level 1..5, once given.</param>
/// <param name="Version">The grain state's change counter; an older projection never overwrites a newer one.</param>
/// <param name="PromisedProvisional">The promised date was counted through a year whose holidays are not published yet.</param>
/// <param name="DatesProvisional">
/// An open case with any date so counted (promise, case or step due, wait end, rectification): what the administrators'
/// banner counts while next year is unpublished.
/// </param>
/// <param name="ActsDueAt">When time next acts on the case's administrative acts (statutory limit, a supplement's last day); written, not read back.</param>
public sealed record CaseRow(
    string CaseId,
    string Number,
    string TalentId,
    string? BundleId,
    string Status,
    string Officer,
    DateTimeOffset OpenedAt,
    DateOnly PromisedBy,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    string Light,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DeliveredAt,
    int Trips,
    int? Evaluation,
    long Version,
    bool PromisedProvisional = false,
    bool DatesProvisional = false,
    DateTimeOffset? ActsDueAt = null);

/// <summary>One service item of a case.</summary>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="ItemId">The service item (catalogue id).</param>
/// <param name="ItemVersion">The version of the item's definition the case runs.</param>
/// <param name="Status">open, approved, rejected.</param>
/// <param name="DecidedAt">When it was approved or rejected.</param>
public sealed record CaseItemRow(string CaseId, string ItemId, int ItemVersion, string Status, DateTimeOffset? DecidedAt);

/// <summary>One step of one item of a case.</summary>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="ItemId">The item whose workflow it is a step of.</param>
/// <param name="StepId">The step's id in that workflow.</param>
/// <param name="Department">The department whose queue it is in.</param>
/// <param name="Status">The engine's step status in lower case: pending, ready, claimed, returned, waiting, approved, rejected, skipped, elapsed...</param>
/// <param name="ReadyAt">When it became ready (or started waiting).</param>
/// <param name="WarnAt">When it turns yellow (null unless it is an active, counting human step).</param>
/// <param name="DueAt">When it turns red (same).</param>
/// <param name="Light">green, yellow, red, or none.</param>
/// <param name="ClaimedBy">The user name that claimed it, while claimed or once completed.</param>
/// <param name="CompletedAt">When it was completed (approved, rejected, skipped...).</param>
/// <param name="Outcome">The outcome it was completed with.</param>
/// <param name="DueProvisional">Its due instant (or wait end) was counted through a year not published yet.</param>
public sealed record StepRow(
    string CaseId,
    string ItemId,
    string StepId,
    string Department,
    string Status,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    string Light,
    string? ClaimedBy,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    bool DueProvisional = false);

/// <summary>One material of a case.</summary>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="MaterialId">The material (catalogue id).</param>
/// <param name="Status">provided, deferred, requested.</param>
/// <param name="Due">For deferred materials, the day they must be supplied by.</param>
public sealed record MaterialRow(string CaseId, string MaterialId, string Status, DateOnly? Due);

/// <summary>One entry of a case's journal (immutable once written).</summary>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="Seq">1, 2, 3 ... within the case.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">The user name (or system) that did it.</param>
/// <param name="Role">The actor's role, when a person.</param>
/// <param name="Department">The actor's department, when one.</param>
/// <param name="Kind">accepted, step-ready, step-claimed, step-completed, supplied, visit, officer-assigned, delivered, evaluated, withdrawn, ...</param>
/// <param name="ItemId">The item it concerns, if one.</param>
/// <param name="StepId">The step it concerns, if one.</param>
/// <param name="Detail">Free text (a comment, a reason).</param>
/// <param name="TraceId">The W3C trace id of the request that caused it.</param>
/// <param name="SpanId">The W3C span id of that request.</param>
public sealed record EventRow(
    string CaseId,
    int Seq,
    DateTimeOffset At,
    string Actor,
    string? Role,
    string? Department,
    string Kind,
    string? ItemId,
    string? StepId,
    string? Detail,
    string? TraceId,
    string? SpanId);

/// <summary>
/// Everything the read model holds about one case, at one version. <see cref="Events"/> may leave out entries the writer
/// knows to be stored already (events are immutable), so a case's journal is not sent again with every change.
/// </summary>
public sealed record CaseProjection(
    CaseRow Case,
    IReadOnlyList<CaseItemRow> Items,
    IReadOnlyList<StepRow> Steps,
    IReadOnlyList<MaterialRow> Materials,
    IReadOnlyList<EventRow> Events)
{
    /// <summary>
    /// When <see cref="Events"/> leave out entries: the version of the projection that stored them, which the read model
    /// must hold (or a newer one). A read model that defers its commits (Window.Storage's deferred projection commit) checks it:
    /// when it holds an older one, a projection was lost after it was acknowledged (a deferred commit lost to a database
    /// crash) and the entries in between with it, so the write is refused with <see cref="ProjectionGapException"/> and the
    /// writer sends the whole journal. Durable commits are never lost, and are not checked. <see langword="null"/> when
    /// <see cref="Events"/> hold the whole journal.
    /// </summary>
    public long? Continues { get; init; }

    /// <summary>
    /// The case's command spans the read model lacks (<c>window_case_spans</c>; spans are immutable like events): those
    /// after the ones the writer knows stored, or all the state holds when <see cref="Events"/> hold the whole journal.
    /// </summary>
    public IReadOnlyList<SpanRow> Spans { get; init; } = [];
}

/// <summary>
/// One applied command's span in a case's own trace, as the read model keeps it once it has left the case's state.
/// </summary>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="Number">1, 2, 3 ... within the case: the command's place, 1 being the acceptance (every later span's parent).</param>
/// <param name="SpanId">The W3C span id.</param>
/// <param name="Name">The command's name.</param>
/// <param name="StartedAt">When the command started.</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="FirstSeq">The sequence number of the first journal entry it wrote (or would have written).</param>
/// <param name="Department">The actor's department, when one.</param>
/// <param name="StepId">The step it addressed ("item.step"), when one.</param>
public sealed record SpanRow(
    string CaseId,
    int Number,
    string SpanId,
    string Name,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int FirstSeq,
    string? Department,
    string? StepId);

/// <summary>
/// The read model does not hold the projection a partial one continues (<see cref="CaseProjection.Continues"/>): nothing
/// was written, and the writer must send the whole journal.
/// </summary>
public sealed class ProjectionGapException(string caseId, long? stored, long continues)
    : InvalidOperationException($"The read model holds version {stored?.ToString(CultureInfo.InvariantCulture) ?? "none"} of case {caseId}, not version {continues.ToString(CultureInfo.InvariantCulture)} that this projection continues.")
{
    /// <summary>The case whose projection has a gap.</summary>
    public string CaseId { get; } = caseId;
}

