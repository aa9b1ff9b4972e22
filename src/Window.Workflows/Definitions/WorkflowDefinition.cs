using Window.Workflows.Conditions;

namespace Window.Workflows.Definitions;

/// <summary>The kind of case an item produces (办件类型).</summary>
public enum CaseType
{
    /// <summary>即办件: decided on the spot.</summary>
    Immediate,

    /// <summary>承诺件: decided within the promised limit.</summary>
    Promised,

    /// <summary>联办件: several departments decide jointly.</summary>
    Joint,

    /// <summary>上报件: sent to a higher level for the decision.</summary>
    Escalated,

    /// <summary>退回件: returned to the applicant.</summary>
    Returned,
}

/// <summary>What a step does and how it is resumed.</summary>
public enum StepKind
{
    /// <summary>A department reviews and approves, rejects or returns for supplement.</summary>
    Review,

    /// <summary>An expert panel reviews; its time does not count against the item's limit.</summary>
    ExpertReview,

    /// <summary>Waits until a calendar date (e.g. a yearly placement batch); never counts.</summary>
    WaitUntil,

    /// <summary>Waits a number of working days (e.g. a public notice 公示); counts only when the definition says so.</summary>
    WaitDays,

    /// <summary>The window hands the result over to the talent.</summary>
    Window,
}

/// <summary>The decision a department records when it completes a human step.</summary>
public enum Outcome
{
    /// <summary>The step passes; dependants may proceed.</summary>
    Approve,

    /// <summary>The item ends, rejected, with a reason.</summary>
    Reject,

    /// <summary>补正: the step waits for named materials; its clock and the item's pause until they are supplied.</summary>
    Return,
}

/// <summary>A name in Chinese (shown first) and English.</summary>
public sealed record LocalizedName(string Zh, string En);

/// <summary>A backend department that handles steps.</summary>
public sealed record Department(string Id, LocalizedName Name);

/// <summary>
/// When a clock turns yellow: either when at most <see cref="DaysLeft"/> working days remain or when
/// <see cref="FractionUsed"/> of the limit has been used. Exactly one of the two is set.
/// </summary>
public sealed record WarningThreshold(int? DaysLeft, double? FractionUsed)
{
    /// <summary>The default: warn when two working days are left.</summary>
    public static readonly WarningThreshold Default = new(2, null);

    /// <summary>The counted time after which a clock with <paramref name="limit"/> is yellow.</summary>
    public TimeSpan WarnAfter(TimeSpan limit)
    {
        var warnAfter = DaysLeft is { } days ? limit - TimeSpan.FromDays(days) : limit * (FractionUsed ?? 1);
        return warnAfter < TimeSpan.Zero ? TimeSpan.Zero : warnAfter;
    }
}

/// <summary>One entry of an item's materials checklist.</summary>
/// <param name="Id">Shared across items, so a talent's on-file material can be reused.</param>
/// <param name="Name">Display name.</param>
/// <param name="Required">Whether acceptance needs it.</param>
/// <param name="Deferrable">Whether a missing required material may be deferred (容缺受理).</param>
/// <param name="VisibleTo">The departments that may see it (need-to-know under PIPL).</param>
/// <param name="ValidMonths">How long a file of it stays valid on file for the talent (e.g. a health report: 6); null: no expiry.</param>
public sealed record MaterialDefinition(string Id, LocalizedName Name, bool Required, bool Deferrable, IReadOnlyList<string> VisibleTo,
    int? ValidMonths = null);

/// <summary>An outcome a step allows, and the case data it sets when chosen.</summary>
public sealed record OutcomeDefinition(Outcome Kind, IReadOnlyDictionary<string, CaseValue> Sets);

/// <summary>One step of an item.</summary>
/// <param name="Id">Unique within the item.</param>
/// <param name="Kind">What the step does.</param>
/// <param name="Department">The handling department (optional for waits).</param>
/// <param name="Name">Display name.</param>
/// <param name="LimitDays">The step's own limit in working days (human steps); exceeding it is a breach.</param>
/// <param name="DependsOn">Earlier steps that must be approved or skipped first; none means it starts at acceptance.</param>
/// <param name="Condition">When present and false on the case data, the step is skipped.</param>
/// <param name="Outcomes">The outcomes a human step allows; empty for waits.</param>
/// <param name="Materials">The checklist materials this step examines.</param>
/// <param name="WaitUntil">For <see cref="StepKind.WaitUntil"/>: the date (00:00 local) the wait ends, fixed or every year.</param>
/// <param name="WaitDays">For <see cref="StepKind.WaitDays"/>: the working days to wait.</param>
/// <param name="Counts">Whether the step's time counts against the item's and case's limits.</param>
public sealed record StepDefinition(
    string Id,
    StepKind Kind,
    string? Department,
    LocalizedName Name,
    int? LimitDays,
    IReadOnlyList<string> DependsOn,
    Condition? Condition,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    IReadOnlyList<string> Materials,
    WaitDate? WaitUntil,
    int? WaitDays,
    bool Counts)
{
    /// <summary>Whether a person completes the step with an outcome (as opposed to a wait).</summary>
    public bool IsHuman => Kind is StepKind.Review or StepKind.ExpertReview or StepKind.Window;

    /// <summary>The definition of <paramref name="outcome"/> if the step allows it.</summary>
    public OutcomeDefinition? FindOutcome(Outcome outcome) => Outcomes.FirstOrDefault(o => o.Kind == outcome);

    /// <summary>The condition as written in the definition, so that an export gives back the administrator's text.</summary>
    public string? ConditionText { get; init; }
}

/// <summary>A version of one service item (事项).</summary>
/// <param name="Id">The item id, also the file name.</param>
/// <param name="Version">Increases with every published change; running cases keep theirs.</param>
/// <param name="Name">Display name.</param>
/// <param name="CaseType">The kind of case.</param>
/// <param name="PromisedDays">承诺时限 in working days, as printed on the receipt.</param>
/// <param name="StatutoryDays">法定时限 in working days.</param>
/// <param name="Warning">When the item's and its steps' clocks turn yellow.</param>
/// <param name="Materials">The checklist.</param>
/// <param name="Steps">The steps, in file order.</param>
/// <param name="Acts">The administrative acts' rules (extension allowance, supplement period, approvals); defaults when absent.</param>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    LocalizedName Name,
    CaseType CaseType,
    int PromisedDays,
    int StatutoryDays,
    WarningThreshold Warning,
    IReadOnlyList<MaterialDefinition> Materials,
    IReadOnlyList<StepDefinition> Steps,
    ActRules? Acts = null)
{
    /// <summary>The acts' rules of this item: the file's, or <see cref="ActRules.Default"/>.</summary>
    public ActRules ActRules => Acts ?? ActRules.Default;

    /// <summary>The step called <paramref name="stepId"/>, if any.</summary>
    public StepDefinition? FindStep(string stepId)
    {
        // A loop, not FirstOrDefault: every case view looks up each step's definition, and the closure and enumerator
        // were a measurable share of a command's garbage (issue 26).
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Id == stepId)
            {
                return Steps[i];
            }
        }

        return null;
    }

    /// <summary>The default working days a rectification (整改) after a poor rating has (GB/T 39734-2020 practice: 5–15).</summary>
    public const int DefaultRectificationDays = 10;

    /// <summary>The reasons the window may choose when it refuses this item (不予受理), besides its free text.</summary>
    public IReadOnlyList<RefusalReason> RefusalReasons { get; init; } = [];

    /// <summary>Working days a rectification after a poor rating of this item has (<c>rectificationDays</c>, default 10).</summary>
    public int RectificationDays { get; init; } = DefaultRectificationDays;

    /// <summary>The case data this item's conditions read (<c>fields</c>): a condition on any other field is a validation error.</summary>
    public IReadOnlyList<CaseField> Fields { get; init; } = [];
}

/// <summary>The type of a declared case-data field.</summary>
public enum CaseFieldType
{
    /// <summary>Text (e.g. a talent tier "A").</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>Yes or no.</summary>
    Boolean,
}

/// <summary>Where a declared case-data field gets its value.</summary>
public enum CaseFieldSource
{
    /// <summary>The desk's intake form asks for it when the case is opened.</summary>
    Intake,

    /// <summary>A step's outcome sets it (<c>set</c>).</summary>
    Outcome,
}

/// <summary>A case-data field an item declares because its conditions read it.</summary>
/// <param name="Id">The name conditions use, e.g. <c>transferMidYear</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="Name">The label shown on the intake form and in the editor.</param>
/// <param name="Source">Where its value comes from.</param>
public sealed record CaseField(string Id, CaseFieldType Type, LocalizedName Name, CaseFieldSource Source);

/// <summary>A reason the window may give for refusing an item (不予受理), named in both languages.</summary>
public sealed record RefusalReason(string Id, LocalizedName Name);

/// <summary>
/// A bundle (一件事): several items opened as one case with one receipt, their steps running in
/// parallel, one promised date (the longest of its items) and one completion.
/// </summary>
public sealed record BundleDefinition(
    string Id,
    int Version,
    LocalizedName Name,
    CaseType CaseType,
    int StatutoryDays,
    WarningThreshold Warning,
    IReadOnlyList<string> Items);
