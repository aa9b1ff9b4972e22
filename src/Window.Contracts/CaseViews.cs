namespace Window.Contracts;

/// <summary>How a command ended, mapped once to HTTP by the API.</summary>
public enum OutcomeStatus
{
    /// <summary>Applied.</summary>
    Ok,

    /// <summary>A case was opened.</summary>
    Created,

    /// <summary>The command is malformed for this case (a field named in <see cref="CaseOutcome.Field"/>).</summary>
    Invalid,

    /// <summary>The case, step or item does not exist (or is not visible to the actor).</summary>
    NotFound,

    /// <summary>The command is out of order for the case's state; nothing changed.</summary>
    Conflict,

    /// <summary>The command is well formed but cannot be accepted (missing materials, outcome not allowed).</summary>
    Unprocessable,

    /// <summary>The idempotency key was used before with a different request.</summary>
    KeyReused,

    /// <summary>The actor's role may not issue this command on this case.</summary>
    Forbidden,

    /// <summary>Not applied for now: a server or the database was away (a page's retries ran out); the same request can be sent again.</summary>
    Unavailable,
}

/// <summary>
/// The result of a command: a status, a machine-readable code and message on failure, and the case after it.
/// <see cref="Recorded"/> names the kinds of the journal entries the command wrote (so that the host issues the documents
/// of acts only after a command that recorded one); it is null when unknown: in a refusal and in a replay, whose record
/// does not keep it.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.case-outcome.v1")]
public sealed record CaseOutcome(
    [property: Id(0)] OutcomeStatus Status,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Message,
    [property: Id(3)] CaseView? Case,
    [property: Id(4)] IReadOnlyList<string> Details,
    [property: Id(5)] string? Field = null,
    [property: Id(6)] bool Replayed = false,
    [property: Id(7)] IReadOnlyList<string>? Recorded = null)
{
    public bool Succeeded => Status is OutcomeStatus.Ok or OutcomeStatus.Created;

    public static CaseOutcome Fail(OutcomeStatus status, string code, string message, IReadOnlyList<string>? details = null, string? field = null) =>
        new(status, code, message, null, details ?? [], field);
}

/// <summary>One service item of a case.</summary>
[GenerateSerializer, Immutable, Alias("window.case-item-view.v1")]
public sealed record CaseItemView(
    [property: Id(0)] string ItemId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset? DecidedAt);

/// <summary>
/// One step of a case; <see cref="Id"/> is <c>item.step</c>, unique in the case. <see cref="DueProvisional"/>: its due
/// instant (or a working-day wait's end) was counted through a year whose holidays are not published yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.case-step-view.v1")]
public sealed record CaseStepView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ItemId,
    [property: Id(2)] string StepId,
    [property: Id(3)] string? Department,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTimeOffset? ReadyAt,
    [property: Id(7)] DateTimeOffset? WarnAt,
    [property: Id(8)] DateTimeOffset? DueAt,
    [property: Id(9)] string Light,
    [property: Id(10)] string? ClaimedBy,
    [property: Id(11)] string? Outcome,
    [property: Id(12)] DateTimeOffset? CompletedAt,
    [property: Id(13)] IReadOnlyList<string> ReturnedFor,
    [property: Id(14)] DateTimeOffset? WaitUntil,
    [property: Id(15)] bool DueProvisional = false,
    [property: Id(40)] DateOnly? SupplementDue = null,
    [property: Id(41)] string? Opinion = null);

/// <summary>One material of a case.</summary>
[GenerateSerializer, Immutable, Alias("window.case-material-view.v1")]
public sealed record CaseMaterialView([property: Id(0)] string Id, [property: Id(1)] string Status, [property: Id(2)] DateOnly? Due);

/// <summary>One entry of a case's timeline.</summary>
[GenerateSerializer, Immutable, Alias("window.timeline-entry.v1")]
public sealed record TimelineEntry(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Role,
    [property: Id(4)] string? Department,
    [property: Id(5)] string Kind,
    [property: Id(6)] string? ItemId,
    [property: Id(7)] string? StepId,
    [property: Id(8)] string? Detail,
    [property: Id(9)] string? TraceId = null,
    [property: Id(10)] string? SpanId = null);

/// <summary>A 好差评 given at completion.</summary>
[GenerateSerializer, Immutable, Alias("window.evaluation.v1")]
public sealed record EvaluationView(
    [property: Id(0)] int Level,
    [property: Id(1)] string? Comment,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateOnly? RectificationDue);

/// <summary>
/// Everything staff see of a case (personal data still sealed: the host unseals and masks it). The provisional flags say
/// which dates were counted through a year whose holidays are not published yet (printed 「暂定，遇法定节假日顺延」):
/// <see cref="PromisedProvisional"/> the promised date, <see cref="DueProvisional"/> the case's own due instant,
/// <see cref="RectificationProvisional"/> the rectification's due date. They are computed from the calendar the view is
/// made with, so they clear themselves once the year is published.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.case-view.v1")]
public sealed record CaseView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Number,
    [property: Id(2)] string LookupCode,
    [property: Id(3)] string Status,
    [property: Id(4)] string TalentId,
    [property: Id(5)] byte[] SealedIdentity,
    [property: Id(6)] string Tier,
    [property: Id(7)] string? BundleId,
    [property: Id(8)] string Officer,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateOnly PromisedBy,
    [property: Id(11)] DateTimeOffset? DueAt,
    [property: Id(12)] string Light,
    [property: Id(13)] IReadOnlyList<CaseItemView> Items,
    [property: Id(14)] IReadOnlyList<CaseStepView> Steps,
    [property: Id(15)] IReadOnlyList<CaseMaterialView> Materials,
    [property: Id(16)] int Trips,
    [property: Id(17)] DateTimeOffset? CompletedAt,
    [property: Id(18)] DateTimeOffset? DeliveredAt,
    [property: Id(19)] EvaluationView? Evaluation,
    [property: Id(20)] long Version,
    [property: Id(21)] DateTimeOffset? WarnAt = null,
    [property: Id(22)] bool PromisedProvisional = false,
    [property: Id(23)] bool DueProvisional = false,
    [property: Id(24)] bool RectificationProvisional = false,
    [property: Id(40)] DateOnly? StatutoryBy = null,
    [property: Id(41)] bool Suspended = false,
    [property: Id(42)] IReadOnlyList<CaseExtension>? Extensions = null,
    [property: Id(43)] PendingAct? PendingAct = null,
    [property: Id(44)] IReadOnlyList<OverdueSupplementView>? OverdueSupplements = null,
    [property: Id(45)] bool StatutoryBreached = false,
    [property: Id(46)] int ExtensionDaysLeft = 0,
    [property: Id(47)] DateTimeOffset? ActsDueAt = null,
    [property: Id(48)] RectificationView? Rectification = null,
    [property: Id(49)] DeliveryView? Delivery = null)
{
    /// <summary>Whether any date of the case (promise, case or step due, wait end, rectification) relies on an unpublished year.</summary>
    public bool ReliesOnProvisionalDates => PromisedProvisional || DueProvisional || RectificationProvisional || Steps.Any(s => s.DueProvisional);

    /// <summary>The returned step (补正) that asks for <paramref name="materialId"/>, if one waits for it.</summary>
    public CaseStepView? ReturnedFor(string materialId) =>
        Steps.FirstOrDefault(s => s.Status == StepStatusKind.Returned.Stored && s.ReturnedFor.Contains(materialId));

    /// <summary>The last day to bring a missing material: its own (a 容缺 deferral's), else the last day of the return asking for it.</summary>
    public DateOnly? LastDayOf(CaseMaterialView material)
    {
        ArgumentNullException.ThrowIfNull(material);
        return material.Due ?? ReturnedFor(material.Id)?.SupplementDue;
    }
}
