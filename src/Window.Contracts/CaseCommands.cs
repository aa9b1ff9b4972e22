namespace Window.Contracts;

/// <summary>A material accepted as missing at the window (容缺受理), to be supplied by <see cref="Due"/>.</summary>
[GenerateSerializer, Immutable, Alias("window.deferred-material.v1")]
public sealed record DeferredMaterial([property: Id(0)] string Material, [property: Id(1)] DateOnly Due);

/// <summary>A command on a case. Each carries <see cref="Meta"/>; applied twice with the same key it has one effect.</summary>
[GenerateSerializer, Immutable, Alias("window.case-command.v1")]
public abstract record CaseCommand([property: Id(0)] CommandMeta Meta);

/// <summary>
/// The window opens a case for a talent: one bundle or one or more items, the materials collected now and those
/// deferred. <see cref="SealedIdentity"/> is the talent's name, ID number and phone encrypted by the host; the
/// grains never see them in clear. <see cref="Data"/>: the intake fields the items declare, each value a JSON literal
/// (<c>true</c>, <c>3</c>, <c>"A"</c>), absent in commands stored before issue 25.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.open-case.v1")]
public sealed record OpenCase(
    CommandMeta Meta,
    [property: Id(0)] string TalentId,
    [property: Id(1)] byte[] SealedIdentity,
    [property: Id(2)] string Tier,
    [property: Id(3)] IReadOnlyList<string> Items,
    [property: Id(4)] IReadOnlyList<string> Materials,
    [property: Id(5)] IReadOnlyList<DeferredMaterial> Deferred,
    [property: Id(6)] IReadOnlyDictionary<string, string>? Data = null) : CaseCommand(Meta);

/// <summary>A department officer takes a ready step of their department.</summary>
[GenerateSerializer, Immutable, Alias("window.claim-step.v1")]
public sealed record ClaimStepCommand(CommandMeta Meta, [property: Id(0)] string StepId) : CaseCommand(Meta);

/// <summary>The department officer who claimed a step gives it back to their department's queue (取消签收).</summary>
[GenerateSerializer, Immutable, Alias("window.release-step.v1")]
public sealed record ReleaseStepCommand(CommandMeta Meta, [property: Id(0)] string StepId) : CaseCommand(Meta);

/// <summary>A department officer decides a step: approve, reject (with a reason) or return for supplement (naming what is missing).</summary>
[GenerateSerializer, Immutable, Alias("window.complete-step.v1")]
public sealed record CompleteStepCommand(
    CommandMeta Meta,
    [property: Id(0)] string StepId,
    [property: Id(1)] string Outcome,
    [property: Id(2)] string? Reason,
    [property: Id(3)] IReadOnlyList<string> Missing,
    [property: Id(40)] DateOnly? Due = null) : CaseCommand(Meta);

/// <summary>The officer records materials the talent supplied (deferred or asked for by a return).</summary>
[GenerateSerializer, Immutable, Alias("window.supply-materials.v1")]
public sealed record SupplyMaterialsCommand(CommandMeta Meta, [property: Id(0)] IReadOnlyList<string> Materials) : CaseCommand(Meta);

/// <summary>An in-person trip of the talent (跑动次数).</summary>
[GenerateSerializer, Immutable, Alias("window.record-visit.v1")]
public sealed record RecordVisitCommand(CommandMeta Meta, [property: Id(0)] string? Purpose) : CaseCommand(Meta);

/// <summary>Hands the case to another officer.</summary>
[GenerateSerializer, Immutable, Alias("window.reassign-officer.v1")]
public sealed record ReassignOfficerCommand(CommandMeta Meta, [property: Id(0)] string Officer) : CaseCommand(Meta);

/// <summary>The window hands over the result (出件); only when every item is decided. In person counts as a trip.</summary>
/// <remarks>
/// At the window <see cref="Collector"/> says who collected it (<c>talent</c> or <c>proxy</c>); a proxy's name and ID number
/// come sealed by the host (<see cref="SealedProxy"/>) and are never seen in clear by the grains. Both are null in commands
/// sent before they were recorded.
/// </remarks>
[GenerateSerializer, Immutable, Alias("window.deliver-result.v1")]
public sealed record DeliverResultCommand(
    CommandMeta Meta, [property: Id(0)] string Method, [property: Id(1)] string? Collector = null, [property: Id(2)] byte[]? SealedProxy = null) : CaseCommand(Meta);

/// <summary>The talent rates the service (好差评, GB/T 39734-2020): 5 非常满意 .. 1 非常不满意.</summary>
[GenerateSerializer, Immutable, Alias("window.evaluate.v1")]
public sealed record EvaluateCommand(CommandMeta Meta, [property: Id(0)] int Level, [property: Id(1)] string? Comment) : CaseCommand(Meta);

/// <summary>The talent withdraws the application.</summary>
[GenerateSerializer, Immutable, Alias("window.withdraw.v1")]
public sealed record WithdrawCommand(CommandMeta Meta, [property: Id(0)] string? Reason) : CaseCommand(Meta);

/// <summary>
/// An authorised person reveals one of the talent's masked values (name, idNumber, phone) and says why; the reveal is
/// journaled with both (<see cref="PersonalDataReveal"/>). <see cref="Reason"/> is null only in commands sent before the
/// reason was asked for.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.reveal-personal-data.v1")]
public sealed record RevealPersonalDataCommand(CommandMeta Meta, [property: Id(0)] string Field, [property: Id(1)] string? Reason = null) : CaseCommand(Meta);

/// <summary>
/// A supervisor gives a ready or claimed step to a named clerk of the step's department (改派). The host names the clerk's
/// department from its directory (<see cref="AssigneeDepartment"/>); the case checks that it is the step's.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.assign-step.v1")]
public sealed record AssignStepCommand(
    CommandMeta Meta, [property: Id(0)] string StepId, [property: Id(1)] string Assignee, [property: Id(2)] string AssigneeDepartment) : CaseCommand(Meta);

/// <summary>The case's officer records a follow-up (回访) of the rectification after a poor rating: the call made, the talent's response.</summary>
[GenerateSerializer, Immutable, Alias("window.follow-up-rectification.v1")]
public sealed record FollowUpRectificationCommand(CommandMeta Meta, [property: Id(0)] string Note) : CaseCommand(Meta);

/// <summary>The case's officer closes the rectification with its result (整改办结).</summary>
[GenerateSerializer, Immutable, Alias("window.close-rectification.v1")]
public sealed record CloseRectificationCommand(CommandMeta Meta, [property: Id(0)] string Result) : CaseCommand(Meta);

/// <summary>The case's officer appeals a poor rating as unfair (差评申诉), saying why.</summary>
[GenerateSerializer, Immutable, Alias("window.appeal-rating.v1")]
public sealed record AppealRatingCommand(CommandMeta Meta, [property: Id(0)] string Reason) : CaseCommand(Meta);

/// <summary>A supervisor decides an appeal: <see cref="Uphold"/> keeps the rating; otherwise it is voided (out of the figures, kept in the journal).</summary>
[GenerateSerializer, Immutable, Alias("window.decide-appeal.v1")]
public sealed record DecideAppealCommand(CommandMeta Meta, [property: Id(0)] bool Uphold) : CaseCommand(Meta);
