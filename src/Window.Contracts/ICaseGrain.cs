namespace Window.Contracts;

/// <summary>
/// One case (a talent's application for one bundle or several items), keyed by an opaque id. It drives the
/// workflow engine, keeps the journal, persists its state through the ADO.NET storage and projects itself into
/// the read model. Every command carries an idempotency key: a command retried after a timeout or a failover
/// replays the first outcome and has one effect.
/// </summary>
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Opens the case (the window's acceptance). Missing materials are all reported at once; nothing is created then.</summary>
    Task<CaseOutcome> OpenAsync(OpenCase command);

    /// <summary>
    /// Applies any command on an open case; the case in the outcome is as the command's actor may see it (department staff
    /// get only the materials the definitions share with their department, as their reads do).
    /// </summary>
    Task<CaseOutcome> ExecuteAsync(CaseCommand command);

    /// <summary>The case, or <see langword="null"/> when it was never opened.</summary>
    Task<CaseView?> GetAsync();

    /// <summary>
    /// The case as <paramref name="actor"/> may see it: department staff only a case that has a step of their
    /// department, with only the materials the definitions share with it; <see langword="null"/> otherwise.
    /// </summary>
    Task<CaseView?> ViewForAsync(Actor actor);

    /// <summary>The whole journal, oldest first, for the system itself (watchers, dispatchers, tests).</summary>
    Task<IReadOnlyList<TimelineEntry>> TimelineAsync();

    /// <summary>The journal, oldest first (department staff: their department's entries and the case-level ones).</summary>
    Task<IReadOnlyList<TimelineEntry>> TimelineForAsync(Actor actor);

    /// <summary>The case for its talent's lookup code (constant-time comparison); <see langword="null"/> for a wrong code.</summary>
    Task<CaseView?> LookupAsync(string code);

    /// <summary>Lets time act: elapses due waits and refreshes lights in the read model. Returns whether anything changed.</summary>
    Task<bool> CatchUpAsync();

    /// <summary>
    /// Projects the case again, with its whole journal, when the read model holds an older version than the grain state
    /// (a crash between the two writes, or a deferred projection commit lost to a database crash). Returns whether it did.
    /// </summary>
    Task<bool> RepairProjectionAsync();

    /// <summary>
    /// Recounts the case's dates on the calendar whose fingerprint is <paramref name="calendarFingerprint"/> (a year was
    /// published): working-day waits and lights follow it; a later promised date replaces the printed one (journaled as
    /// promise-postponed with both dates), an earlier one leaves the printed promise standing. The case records the fingerprint it used, so a repeat is a no-op. Returns
    /// <see langword="false"/> when this silo's calendar is not that one yet (the caller retries later).
    /// </summary>
    Task<bool> RecountDatesAsync(string calendarFingerprint);

    /// <summary>
    /// The case's trace as <paramref name="actor"/> may see it (the same rule as <see cref="TimelineForAsync"/>);
    /// <see langword="null"/> when the case is not visible or was accepted before it was traced.
    /// </summary>
    Task<CaseTraceView?> TraceForAsync(Actor actor);
}
