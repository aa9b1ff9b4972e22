namespace Window.Host.Api;

/// <summary>The talent as the window enters it. Never echoed back in clear, never in a URL or a log.</summary>
public sealed record TalentRequest(string? Name, string? IdNumber, string? Phone, string? Tier, bool? SmsOptOut = null);

/// <summary>A material accepted as missing (容缺受理) and the day it must be supplied by.</summary>
public sealed record DeferredRequest(string? Material, DateOnly? Due);

/// <summary><c>POST /api/cases</c>: the window opens a case.</summary>
public sealed record OpenCaseRequest(TalentRequest? Talent, IReadOnlyList<string>? Items, IReadOnlyList<string>? Materials, IReadOnlyList<DeferredRequest>? Deferred)
{
    /// <summary>The case data the chosen items declare as intake fields (<c>fields</c> with <c>source: intake</c>), e.g. <c>{ "transferMidYear": true }</c>.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Data { get; init; }
}

/// <summary><c>POST /api/cases/{id}/steps/{stepId}/complete</c>.</summary>
/// <remarks><c>opinion</c>: an approval's written opinion (审查意见); <c>reason</c> is taken when both are sent.</remarks>
public sealed record CompleteStepRequest(string? Outcome, string? Reason, IReadOnlyList<string>? Missing,
    DateOnly? Due = null, string? Opinion = null);

/// <summary><c>POST /api/cases/{id}/supplements</c>.</summary>
public sealed record SupplementRequest(IReadOnlyList<string>? Materials);

/// <summary><c>POST /api/cases/{id}/visits</c>.</summary>
public sealed record VisitRequest(string? Purpose);

/// <summary><c>POST /api/cases/{id}/officer</c>.</summary>
public sealed record ReassignRequest(string? Officer);

/// <summary>
/// <c>POST /api/cases/{id}/delivery</c>: post (default), online or window (in person, also accepted as in-person; counts
/// as a trip). At the window, <c>collector</c> is talent (default) or proxy, and a proxy gives a name and an ID number.
/// </summary>
public sealed record DeliveryRequest(string? Method, string? Collector = null, ProxyRequest? Proxy = null);

/// <summary>A proxy who collects a result at the window (代领人): sealed before it reaches the case, shown masked.</summary>
public sealed record ProxyRequest(string? Name, string? IdNumber);

/// <summary><c>POST /api/cases/{id}/evaluation</c> (好差评 1..5).</summary>
public sealed record EvaluationRequest(int? Level, string? Comment);

/// <summary>The talent's own rating from the public page, proven by the receipt's lookup code.</summary>
public sealed record PublicEvaluationRequest(string? Code, int? Level, string? Comment);

/// <summary><c>POST /api/cases/{id}/withdrawal</c>: the reason is required.</summary>
public sealed record WithdrawalRequest(string? Reason);

/// <summary>The talent as staff see them: masked.</summary>
public sealed record TalentDto(string Id, string Name, string IdNumber, string Phone, string Tier);

public sealed record NameDto(string Zh, string En);

public sealed record CaseItemDto(string Id, NameDto Name, int Version, string Status, string? Reason, DateTimeOffset? DecidedAt);

public sealed record CaseStepDto(
    string Id,
    string ItemId,
    string StepId,
    NameDto Name,
    string? Department,
    string Kind,
    string Status,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueBy,
    string Light,
    string? ClaimedBy,
    string? Outcome,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<string> ReturnedFor,
    DateTimeOffset? WaitUntil,
    bool DueProvisional,
    DateOnly? SupplementDue = null,
    string? Assignee = null,
    string? Opinion = null);

public sealed record CaseMaterialDto(string Id, NameDto Name, string Status, DateOnly? Due);

public sealed record EvaluationDto(int Level, string? Comment, DateTimeOffset At, DateOnly? RectificationDue, bool RectificationProvisional);

/// <summary>
/// A case as staff see it. <c>promisedProvisional</c>, <c>dueProvisional</c> (and each step's): the date was counted
/// through a year whose holidays are not published yet, printed 「暂定，遇法定节假日顺延」.
/// </summary>
public sealed record CaseDto(
    string Id,
    string Number,
    string LookupCode,
    string Status,
    string? Bundle,
    TalentDto Talent,
    string Officer,
    DateTimeOffset OpenedAt,
    DateOnly PromisedBy,
    DateTimeOffset? DueBy,
    string Light,
    IReadOnlyList<CaseItemDto> Items,
    IReadOnlyList<CaseStepDto> Steps,
    IReadOnlyList<CaseMaterialDto> Materials,
    int Trips,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DeliveredAt,
    EvaluationDto? Evaluation,
    long Version,
    bool PromisedProvisional,
    bool DueProvisional,
    CaseActsDto? Acts = null,
    RectificationDto? Rectification = null,
    DeliveryDto? Delivery = null);

/// <summary>
/// One line of a case list or search result: the case row, its service items by name (<c>items</c>) and every step that
/// holds it now (<c>waitingOn</c>: ready or claimed in a department, returned for supplement, waiting), none left out.
/// </summary>
public sealed record CaseSummaryDto(
    string Id,
    string Number,
    string Status,
    string? Bundle,
    string Officer,
    DateTimeOffset OpenedAt,
    DateOnly PromisedBy,
    DateTimeOffset? DueBy,
    string Light,
    int Trips,
    bool PromisedProvisional,
    IReadOnlyList<CaseSummaryItemDto> Items,
    IReadOnlyList<WaitingStepDto> WaitingOn);

/// <summary>One service item of a case list line.</summary>
public sealed record CaseSummaryItemDto(string Id, int Version, NameDto Name);

/// <summary>A step that holds a case: <c>stepId</c> is "item.step"; the department is null for a wait.</summary>
public sealed record WaitingStepDto(string StepId, string Item, string Step, NameDto Name, string? Department, NameDto? DepartmentName, string Status);

/// <summary>
/// One page of a list: <c>total</c> matched, or at least that many when <c>totalIsLowerBound</c> (show "10,000+");
/// <c>nextCursor</c> continues the list from the page after this one (null on the last page).
/// </summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsLowerBound, string? NextCursor = null);

/// <summary>One entry of a department's queue.</summary>
public sealed record QueueEntryDto(
    string CaseId,
    string CaseNumber,
    string StepId,
    string Item,
    NameDto ItemName,
    string Step,
    NameDto StepName,
    string Department,
    string Status,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? DueBy,
    string Light,
    int? WorkingDaysLeft,
    string? ClaimedBy);

public sealed record TimelineEntryDto(
    int Seq,
    DateTimeOffset At,
    string Actor,
    string Role,
    string? Department,
    string Kind,
    string? Step,
    string? Detail,
    string? TraceId,
    string? SpanId);

/// <summary>
/// What the talent sees with the case number and lookup code: progress, what to bring and by when, whether it was rated;
/// no personal data.
/// </summary>
public sealed record PublicCaseDto(
    string Number,
    string Status,
    DateOnly PromisedBy,
    IReadOnlyList<PublicItemDto> Items,
    IReadOnlyList<PublicStepDto> Steps,
    bool CanEvaluate,
    int? Evaluation,
    bool PromisedProvisional,
    DateOnly? EvaluatedOn,
    IReadOnlyList<PublicMaterialDto> ToBring,
    PublicActsDto? Acts = null);

public sealed record PublicItemDto(string Id, NameDto Name, string Status);

/// <summary>
/// A step as the talent follows it. <see cref="WaitLastDay"/>: the last day of a working-day wait under way (a 公示 period);
/// <see cref="WaitUntil"/>: the day a date wait ends (a yearly batch); <see cref="WaitProvisional"/>: counted through a
/// year whose holidays are not published yet.
/// </summary>
public sealed record PublicStepDto(
    NameDto Name, NameDto? Department, string Status, DateTimeOffset? CompletedAt, DateOnly? WaitLastDay, DateOnly? WaitUntil, bool WaitProvisional);

/// <summary>
/// A material the talent still has to bring: <c>deferred</c> (容缺, by <see cref="Due"/>) or <c>requested</c> by a
/// department that returned its step for supplement (补正, <see cref="AskedBy"/>).
/// </summary>
public sealed record PublicMaterialDto(string Id, NameDto Name, string Status, DateOnly? Due, NameDto? AskedBy);

public sealed record CatalogMaterialDto(string Id, NameDto Name, bool Required, bool Deferrable);

public sealed record CatalogStepDto(string Id, NameDto Name, string Kind, string? Department, int? LimitDays, IReadOnlyList<string> DependsOn);

public sealed record CatalogItemDto(
    string Id,
    int Version,
    NameDto Name,
    string CaseType,
    int PromisedDays,
    int StatutoryDays,
    IReadOnlyList<CatalogMaterialDto> Materials,
    IReadOnlyList<CatalogStepDto> Steps);

public sealed record CatalogBundleDto(string Id, int Version, NameDto Name, string CaseType, int PromisedDays, IReadOnlyList<string> Items, IReadOnlyList<CatalogMaterialDto> Materials);

public sealed record DepartmentDto(string Id, NameDto Name);

public sealed record CatalogDto(IReadOnlyList<CatalogItemDto> Items, IReadOnlyList<CatalogBundleDto> Bundles, IReadOnlyList<DepartmentDto> Departments);

/// <summary><c>POST /api/cases/{id}/talent/reveal</c>: which masked value to show (name, idNumber, phone) and why (journaled).</summary>
public sealed record RevealRequest(string? Field, string? Reason);

/// <summary>A revealed value; the response is not cached.</summary>
public sealed record RevealedDto(string Field, string Value);

/// <summary>
/// A case's rectification (整改) after a poor rating: its owner, due day, <c>open</c> or <c>closed</c>, follow-ups (回访),
/// result and appeal (<c>pending</c>, <c>upheld</c>, <c>voided</c>).
/// </summary>
public sealed record RectificationDto(
    string Owner, DateOnly Due, string State, IReadOnlyList<RectificationFollowUpDto> FollowUps, string? Result, DateTimeOffset? ClosedAt, RatingAppealDto? Appeal);

/// <summary>One follow-up of a rectification.</summary>
public sealed record RectificationFollowUpDto(DateTimeOffset At, string By, string Note);

/// <summary>An appeal of a poor rating and its decision.</summary>
public sealed record RatingAppealDto(DateTimeOffset At, string By, string Reason, string State, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>How the result was handed over; at the window who collected it, a proxy shown masked only.</summary>
public sealed record DeliveryDto(string Method, string? Collector, string? ProxyName, string? ProxyIdNumber);

/// <summary><c>POST /api/cases/{id}/steps/{stepId}/assignee</c>: the clerk of the step's department who takes it.</summary>
public sealed record AssigneeRequest(string? User);

/// <summary><c>POST /api/officers/{user}/handover</c>: the officer who takes every open case.</summary>
public sealed record HandoverRequest(string? To);

/// <summary>The answer of a handover: how many cases moved.</summary>
public sealed record HandoverDto(string From, string To, int Moved);

/// <summary>What a user still holds: open cases they own as officer, steps they have claimed as clerk.</summary>
public sealed record OpenWorkDto(string User, int Cases, int Steps);

/// <summary><c>POST /api/rectifications/{id}/follow-up</c>.</summary>
public sealed record RectificationNoteRequest(string? Note);

/// <summary><c>POST /api/rectifications/{id}/closure</c>.</summary>
public sealed record RectificationClosureRequest(string? Result);

/// <summary><c>POST /api/rectifications/{id}/appeal</c>.</summary>
public sealed record RatingAppealRequest(string? Reason);

/// <summary><c>POST /api/rectifications/{id}/appeal/decision</c>: true keeps the rating, false voids it.</summary>
public sealed record AppealDecisionRequest(bool? Uphold);

/// <summary>One rectification in a list; its id is its case's.</summary>
public sealed record RectificationSummaryDto(string Id, string CaseNumber, string Owner, DateOnly Due, string Light, int? Rating, string State, string? Appeal);

/// <summary>
/// <c>POST /api/refusals</c>: the window refuses an application (不予受理) with every reason at once: each reason is chosen
/// from the items' definitions (<c>id</c>), free text (<c>text</c>), or both (a chosen reason explained).
/// </summary>
public sealed record RefusalRequest(TalentRequest? Talent, IReadOnlyList<string>? Items, IReadOnlyList<RefusalReasonRequest>? Reasons);

/// <summary>One reason of a refusal.</summary>
public sealed record RefusalReasonRequest(string? Id, string? Text);

/// <summary>The answer of a refusal: its id, its number, and the decision document (null until documents are issued).</summary>
public sealed record RefusalCreatedDto(string Id, string Number, string? DocumentId);

/// <summary>A refusal as supervisors list it: the talent masked, items and chosen reasons named from the catalogue.</summary>
public sealed record RefusalDto(
    string Id, string Number, string TalentName, string TalentIdNumber, IReadOnlyList<NameIdDto> Items, IReadOnlyList<RefusalReasonDto> Reasons,
    string RefusedBy, DateTimeOffset RefusedAt, string? DocumentId);

/// <summary>An id and its name in both languages.</summary>
public sealed record NameIdDto(string Id, NameDto Name);

/// <summary>A reason of a refusal: the chosen reason's id and name, the free text, or both.</summary>
public sealed record RefusalReasonDto(string? Id, NameDto? Name, string? Text);
