namespace Window.Contracts;

/// <summary>What one entry of a case's timeline (its journal) records; stored as <c>window_case_events.kind</c>.</summary>
public enum TimelineKind
{
    /// <summary>The window accepted the case.</summary>
    Accepted,

    /// <summary>A step became ready (or started waiting).</summary>
    StepReady,

    /// <summary>A step's condition was false.</summary>
    StepSkipped,

    /// <summary>An officer claimed a step.</summary>
    StepClaimed,

    /// <summary>A step was decided with an outcome.</summary>
    StepCompleted,

    /// <summary>A step was returned for supplement (补正).</summary>
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

    /// <summary>An officer was assigned (at opening) or took the case over (a reassignment).</summary>
    OfficerAssigned,

    /// <summary>A published calendar year moved the promised date.</summary>
    PromisePostponed,

    /// <summary>The case's or a step's light changed; the detail is the new light.</summary>
    LightChanged,

    /// <summary>The talent came to the window.</summary>
    Visit,

    /// <summary>The result was delivered; the detail is the delivery method.</summary>
    Delivered,

    /// <summary>The talent rated the service (好差评); the detail is the level.</summary>
    Evaluated,

    /// <summary>A poor rating opened a rectification task (整改); the detail is its due day.</summary>
    RectificationOpened,

    /// <summary>The case was withdrawn.</summary>
    Withdrawn,

    /// <summary>Someone saw a masked personal field in clear; the detail is the field and why (<see cref="PersonalDataReveal"/>).</summary>
    PersonalDataRevealed,

    /// <summary>The officer who claimed a step gave it back to their department's queue (取消签收).</summary>
    StepReleased,

    /// <summary>The officer asked to extend the statutory limit (延期); the detail is the days and the reason.</summary>
    ExtensionRequested,

    /// <summary>A supervisor approved an extension; the detail is the days and the comment.</summary>
    ExtensionApproved,

    /// <summary>A supervisor refused an extension; the detail is the comment.</summary>
    ExtensionRefused,

    /// <summary>The officer asked to suspend the case and a supervisor must approve; the detail is the reason.</summary>
    SuspensionRequested,

    /// <summary>The case was suspended (中止): its clocks stand still; the detail is the reason.</summary>
    Suspended,

    /// <summary>The suspended case was resumed: its clocks run again.</summary>
    Resumed,

    /// <summary>The officer asked to terminate the case and a supervisor must approve; the detail is the reason.</summary>
    TerminationRequested,

    /// <summary>The case was terminated (终止): every open item ended; the detail is the reason.</summary>
    Terminated,

    /// <summary>A supervisor refused a suspension or termination; the detail is the act and the comment.</summary>
    ActRefused,

    /// <summary>The statutory limit (法定时限) passed with the case undecided: a breach apart from the promised light.</summary>
    StatutoryBreached,

    /// <summary>A supplement passed its last day; the officer decides (extend once or 不予办理). The detail is the supplement.</summary>
    SupplementOverdue,

    /// <summary>The officer gave an overdue supplement a new last day; the detail is the supplement, the day and the reason.</summary>
    SupplementExtended,

    /// <summary>The officer closed an item held up by an overdue supplement as 不予办理; the detail is the reason.</summary>
    ItemClosed,

    /// <summary>A supervisor gave a step to a named clerk of its department (改派); the detail is the clerk.</summary>
    StepAssigned,

    /// <summary>The officer recorded a follow-up (回访) of a rectification; the detail is the note.</summary>
    RectificationFollowedUp,

    /// <summary>The officer closed a rectification (整改办结); the detail is the result.</summary>
    RectificationClosed,

    /// <summary>The officer appealed a poor rating (差评申诉); the detail is the reason.</summary>
    RatingAppealed,

    /// <summary>A supervisor upheld an appealed rating (申诉不成立); it still counts.</summary>
    RatingUpheld,

    /// <summary>A supervisor voided an appealed rating (评价作废): it stays in the journal, out of the figures.</summary>
    RatingVoided,
}

/// <summary>The stored strings of <see cref="TimelineKind"/>.</summary>
public static class TimelineKinds
{
    /// <summary>The table; the strings are those of every case stored so far and must never change.</summary>
    public static StoredNames<TimelineKind> Names { get; } = new(
        (TimelineKind.Accepted, "accepted"),
        (TimelineKind.StepReady, "step-ready"),
        (TimelineKind.StepSkipped, "step-skipped"),
        (TimelineKind.StepClaimed, "step-claimed"),
        (TimelineKind.StepCompleted, "step-completed"),
        (TimelineKind.StepReturned, "step-returned"),
        (TimelineKind.MaterialsSupplied, "materials-supplied"),
        (TimelineKind.StepResumed, "step-resumed"),
        (TimelineKind.WaitElapsed, "wait-elapsed"),
        (TimelineKind.StepCancelled, "step-cancelled"),
        (TimelineKind.ItemApproved, "item-approved"),
        (TimelineKind.ItemRejected, "item-rejected"),
        (TimelineKind.CaseCompleted, "case-completed"),
        (TimelineKind.OfficerAssigned, "officer-assigned"),
        (TimelineKind.PromisePostponed, "promise-postponed"),
        (TimelineKind.LightChanged, "light-changed"),
        (TimelineKind.Visit, "visit"),
        (TimelineKind.Delivered, "delivered"),
        (TimelineKind.Evaluated, "evaluated"),
        (TimelineKind.RectificationOpened, "rectification-opened"),
        (TimelineKind.Withdrawn, "withdrawn"),
        (TimelineKind.PersonalDataRevealed, "personal-data-revealed"),
        (TimelineKind.StepReleased, "step-released"),
        (TimelineKind.ExtensionRequested, "extension-requested"),
        (TimelineKind.ExtensionApproved, "extension-approved"),
        (TimelineKind.ExtensionRefused, "extension-refused"),
        (TimelineKind.SuspensionRequested, "suspension-requested"),
        (TimelineKind.Suspended, "suspended"),
        (TimelineKind.Resumed, "resumed"),
        (TimelineKind.TerminationRequested, "termination-requested"),
        (TimelineKind.Terminated, "terminated"),
        (TimelineKind.ActRefused, "act-refused"),
        (TimelineKind.StatutoryBreached, "statutory-breached"),
        (TimelineKind.SupplementOverdue, "supplement-overdue"),
        (TimelineKind.SupplementExtended, "supplement-extended"),
        (TimelineKind.ItemClosed, "item-closed"),
        (TimelineKind.StepAssigned, "step-assigned"),
        (TimelineKind.RectificationFollowedUp, "rectification-followed-up"),
        (TimelineKind.RectificationClosed, "rectification-closed"),
        (TimelineKind.RatingAppealed, "rating-appealed"),
        (TimelineKind.RatingUpheld, "rating-upheld"),
        (TimelineKind.RatingVoided, "rating-voided"));

    /// <summary>The kind stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No kind is stored so.</exception>
    public static TimelineKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The kind stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out TimelineKind kind) => Names.TryParse(stored, out kind);

    extension(TimelineKind kind)
    {
        /// <summary>The string stored for this kind.</summary>
        public string Stored => Names.Of(kind);
    }
}
