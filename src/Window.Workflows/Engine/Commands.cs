using System.Text.Json.Serialization;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;

namespace Window.Workflows.Engine;

/// <summary>
/// Opens a case at the window.
/// </summary>
/// <param name="CaseId">The opaque id the host chose.</param>
/// <param name="Actor">The front-desk officer.</param>
/// <param name="Definitions">One bundle id, or one or more item ids; the newest versions are used.</param>
/// <param name="Data">Case data (e.g. <c>tier</c>).</param>
/// <param name="ProvidedMaterials">Materials collected at the window.</param>
/// <param name="DeferredMaterials">Required materials accepted as missing (容缺受理); each must be deferrable.</param>
/// <param name="SupplementWithinDays">Working days to supply deferred materials; at most the promised limit, which is also the default.</param>
public sealed record StartCase(
    string CaseId,
    string Actor,
    IReadOnlyList<string> Definitions,
    IReadOnlyDictionary<string, CaseValue> Data,
    IReadOnlyList<string> ProvidedMaterials,
    IReadOnlyList<string>? DeferredMaterials = null,
    int? SupplementWithinDays = null);

/// <summary>A command on a running case; <see cref="Actor"/> is who issues it (for the journal).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ClaimStep), "claim")]
[JsonDerivedType(typeof(ReleaseStep), "release")]
[JsonDerivedType(typeof(CompleteStep), "complete")]
[JsonDerivedType(typeof(SupplyMaterials), "supply")]
[JsonDerivedType(typeof(ElapseWait), "elapse")]
[JsonDerivedType(typeof(SuspendCase), "suspend")]
[JsonDerivedType(typeof(ResumeCase), "resume")]
[JsonDerivedType(typeof(TerminateCase), "terminate")]
[JsonDerivedType(typeof(CloseItem), "close-item")]
[JsonDerivedType(typeof(SetSupplementDue), "supplement-due")]
[JsonDerivedType(typeof(AssignStep), "assign")]
public abstract record WorkflowCommand(string Actor);

/// <summary>A department officer takes a ready step.</summary>
public sealed record ClaimStep(string Actor, string ItemId, string StepId) : WorkflowCommand(Actor);

/// <summary>The officer who claimed a step gives it back to their department's queue (取消签收); it is ready again for anyone there.</summary>
public sealed record ReleaseStep(string Actor, string ItemId, string StepId) : WorkflowCommand(Actor);

/// <summary>
/// A department officer completes a ready or claimed step: approve; reject with a
/// <see cref="Reason"/>; or return for supplement naming the <see cref="MissingMaterials"/>, to be supplied by
/// <see cref="SupplementDue"/> (by default the item's supplement period in working days from today).
/// </summary>
public sealed record CompleteStep(
    string Actor,
    string ItemId,
    string StepId,
    Outcome Outcome,
    string? Reason = null,
    IReadOnlyList<string>? MissingMaterials = null,
    DateOnly? SupplementDue = null) : WorkflowCommand(Actor);

/// <summary>The talent supplies deferred or requested materials; returned steps whose list is complete resume.</summary>
public sealed record SupplyMaterials(string Actor, IReadOnlyList<string> MaterialIds) : WorkflowCommand(Actor);

/// <summary>Time has passed: ends a wait step whose <see cref="StepInstance.WaitUntil"/> has come.</summary>
public sealed record ElapseWait(string Actor, string ItemId, string StepId) : WorkflowCommand(Actor);

/// <summary>中止: every clock of the case stands still and no step moves until <see cref="ResumeCase"/>.</summary>
public sealed record SuspendCase(string Actor) : WorkflowCommand(Actor);

/// <summary>The suspended case runs again: its clocks restart where they stopped.</summary>
public sealed record ResumeCase(string Actor) : WorkflowCommand(Actor);

/// <summary>终止: every open item ends with <see cref="Reason"/>, every open step is cancelled, every clock stops.</summary>
public sealed record TerminateCase(string Actor, string Reason) : WorkflowCommand(Actor);

/// <summary>One open item ends unhandled (不予办理, e.g. its supplement did not come in time) with <see cref="Reason"/>.</summary>
public sealed record CloseItem(string Actor, string ItemId, string Reason) : WorkflowCommand(Actor);

/// <summary>
/// Moves a supplement's last day to <see cref="Due"/>: a returned step's (<see cref="ItemId"/> and <see cref="StepId"/>),
/// or the deferred materials' (both null).
/// </summary>
public sealed record SetSupplementDue(string Actor, string? ItemId, string? StepId, DateOnly Due) : WorkflowCommand(Actor);

/// <summary>
/// A supervisor gives a ready or claimed step to a named clerk of its department (改派): the step is claimed by
/// <see cref="Assignee"/>, whoever held it before. The department rule is the caller's (the engine knows no users).
/// </summary>
public sealed record AssignStep(string Actor, string ItemId, string StepId, string Assignee) : WorkflowCommand(Actor);
