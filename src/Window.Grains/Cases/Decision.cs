using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>A step a command addressed, as <c>item.step</c> in the API.</summary>
public sealed record StepAddress(string ItemId, string StepId)
{
    /// <inheritdoc />
    public override string ToString() => $"{ItemId}.{StepId}";
}

/// <summary>
/// What a decider decides: a refusal that changes nothing, or the case's next state (its timeline holding the new entries)
/// and, when the engine moved, its next instance. The grain adds lights, version, replay record and trace, then saves once.
/// </summary>
/// <remarks>
/// A new snapshot rather than a list of events to apply (Orleans' <c>JournaledGrain</c>): the case is stored as a snapshot
/// whose timeline already is its journal, so a separate event log would be a second copy of it and a new storage format.
/// </remarks>
public sealed record Decision
{
    private Decision(CaseOutcome? refusal, CaseState? state, WorkflowInstance? instance, StepAddress? target)
    {
        Refusal = refusal;
        State = state;
        Instance = instance;
        Target = target;
    }

    /// <summary>Why nothing changes; <see langword="null"/> when the command is applied.</summary>
    public CaseOutcome? Refusal { get; }

    /// <summary>The case's state after the command (without lights, version and replay record); null when refused.</summary>
    public CaseState? State { get; }

    /// <summary>The engine's instance after the command; null when refused or when the engine was not involved.</summary>
    public WorkflowInstance? Instance { get; }

    /// <summary>The step the command addressed, once found (for the command's span and metrics).</summary>
    public StepAddress? Target { get; }

    /// <summary>The command is applied.</summary>
    public static Decision To(CaseState state, WorkflowInstance? instance = null, StepAddress? target = null) => new(null, state, instance, target);

    /// <summary>The command is refused and changes nothing.</summary>
    public static Decision Refused(CaseOutcome refusal, StepAddress? target = null) => new(refusal, null, null, target);

    /// <summary>The timeline entries the command adds to <paramref name="before"/>.</summary>
    public IReadOnlyList<TimelineEntry> EntriesAfter(CaseState before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return State is null ? [] : [.. State.Timeline.Skip(before.Timeline.Count)];
    }
}
