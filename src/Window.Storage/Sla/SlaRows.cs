namespace Window.Storage.Sla;

/// <summary>An outbox entry not yet dispatched, with what its recipients are resolved from.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Seq">The journal entry's seq; negative for rectification lights (-1 yellow, -2 red).</param>
/// <param name="Kind">light-changed, rectification-opened or rectification-light.</param>
/// <param name="Detail">The new light, or the rectification's due day.</param>
/// <param name="ItemId">The step's item for a step light.</param>
/// <param name="StepId">The step for a step light.</param>
/// <param name="Department">The step's department for a step light.</param>
/// <param name="At">When it happened.</param>
/// <param name="CaseNumber">The receipt number.</param>
/// <param name="Officer">The case officer.</param>
public sealed record PendingNotification(
    string CaseId, int Seq, string Kind, string? Detail, string? ItemId, string? StepId, string? Department, DateTimeOffset At,
    string CaseNumber, string Officer);

/// <summary>One notification in a staff member's inbox.</summary>
public sealed record InboxEntry(
    long Id, string Recipient, string CaseId, int Seq, string CaseNumber, string Kind, string? Light, string? ItemId, string? StepId,
    string? Department, DateTimeOffset At, DateTimeOffset? ReadAt);

/// <summary>A rectification light that changed (journaled in window_rectifications, escalated through the outbox).</summary>
public sealed record RectificationChange(string CaseId, string From, string To);

/// <summary>A lit step of the summary: how many steps of a department and item show a light now.</summary>
public sealed record LitSteps(string Department, string ItemId, string Light, int Count);

/// <summary>A subject (step or case) that turned red in a period; <see cref="StepId"/> null for the case's own light.</summary>
public sealed record RedEvent(string CaseId, string? ItemId, string? StepId, string? Department);

/// <summary>A case completed in a period, with what the summary groups and measures it by.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="OpenedAt">When it was accepted.</param>
/// <param name="CompletedAt">When it was completed.</param>
/// <param name="PromisedBy">The promised completion day.</param>
/// <param name="Trips">The talent's in-person visits.</param>
/// <param name="Evaluation">The talent's rating 1..5, if given.</param>
/// <param name="Items">The case's service items, distinct, in ordinal order.</param>
/// <param name="Departments">The departments its steps were routed to, distinct, in ordinal order.</param>
public sealed record CompletedCase(
    string CaseId, DateTimeOffset OpenedAt, DateTimeOffset CompletedAt, DateOnly PromisedBy, int Trips, int? Evaluation,
    IReadOnlyList<string> Items, IReadOnlyList<string> Departments);

/// <summary>A current yellow or red step (StepId set) or case (StepId null), most overdue first.</summary>
public sealed record Breach(
    string CaseId, string CaseNumber, string? ItemId, string? StepId, string? Department, string Officer, DateTimeOffset? DueAt, string Light);

/// <summary>A stored calendar year: days off and make-up workdays.</summary>
public sealed record StoredCalendarYear(int Year, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> MakeUpWorkdays);
