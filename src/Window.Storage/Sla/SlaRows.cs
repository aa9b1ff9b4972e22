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

/// <summary>Open cases red now that hold the same items.</summary>
/// <param name="Items">The cases' item ids, distinct, in ordinal order.</param>
/// <param name="Count">How many cases.</param>
public sealed record RedCases(IReadOnlyList<string> Items, int Count);

/// <summary>A subject (step or case) turning red: a "light-changed" journal entry; <see cref="StepId"/> null for the case's own light.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Seq">The entry's place in the case's journal.</param>
/// <param name="At">When it turned red.</param>
/// <param name="ItemId">The step's item.</param>
/// <param name="StepId">The step, or null for the case.</param>
/// <param name="Department">The step's department.</param>
/// <param name="PreviousAt">When the same subject last turned red before this entry, or null if never.</param>
/// <param name="CaseItems">For a case's own light, the case's items; empty for a step.</param>
public sealed record RedChange(
    string CaseId, int Seq, DateTimeOffset At, string? ItemId, string? StepId, string? Department, DateTimeOffset? PreviousAt,
    IReadOnlyList<string> CaseItems);

/// <summary>The rows a stretch of time adds to the SLA summary: its completed cases and red light changes.</summary>
public sealed record SlaDayRows(IReadOnlyList<CompletedCase> Completed, IReadOnlyList<RedChange> RedChanges);

/// <summary>An office day and the stretch of it a tally counts, [<see cref="Start"/>, <see cref="End"/>).</summary>
/// <param name="Day">The office day.</param>
/// <param name="Start">Its start.</param>
/// <param name="End">Its end once it is over; for today, the instant the tally stops at.</param>
public sealed record SlaDay(DateOnly Day, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The stored tally of a day's rows before <paramref name="Upto"/> (<paramref name="Figures"/> as the host serialised it).</summary>
/// <param name="Day">The office day.</param>
/// <param name="Upto">The end of the day, or for a day that was not over yet, the instant the tally stopped at.</param>
/// <param name="Calendar">The working calendar's fingerprint the tally was computed with.</param>
/// <param name="Figures">The tally.</param>
/// <param name="ComputedAt">When it was tallied.</param>
public sealed record StoredSlaDay(DateOnly Day, DateTimeOffset Upto, string Calendar, string Figures, DateTimeOffset ComputedAt);

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
    IReadOnlyList<string> Items, IReadOnlyList<string> Departments)
{
    /// <summary>The case officer (the officer table's row).</summary>
    public string? Officer { get; init; }
}

/// <summary>A current yellow or red step (StepId set) or case (StepId null), most overdue first.</summary>
public sealed record Breach(
    string CaseId, string CaseNumber, string? ItemId, string? StepId, string? Department, string Officer, DateTimeOffset? DueAt, string Light);

/// <summary>A stored calendar year: days off and make-up workdays.</summary>
public sealed record StoredCalendarYear(int Year, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> MakeUpWorkdays);
