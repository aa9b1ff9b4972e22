using System.Collections.Immutable;
using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>Builds the case's timeline: its own entries and the engine's journal entries, numbered in order.</summary>
public static class Journal
{
    /// <summary>
    /// The next entry of <paramref name="timeline"/> (the state's tail, whose newest entry is always kept: it numbers the next);
    /// the department is the actor's unless the entry concerns another's step.
    /// </summary>
    public static TimelineEntry Entry(
        ImmutableList<TimelineEntry> timeline, DateTimeOffset at, Actor actor, string kind, string? itemId, string? stepId, string? detail, string? department = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(actor);
        return new(timeline.IsEmpty ? 1 : timeline[^1].Seq + 1, at, actor.User, actor.Role, department ?? actor.Department, kind, itemId, stepId, detail);
    }

    /// <summary><paramref name="state"/> with one case-level entry added.</summary>
    public static CaseState Add(CaseState state, DateTimeOffset at, Actor actor, string kind, string? detail)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { Timeline = state.Timeline.Add(Entry(state.Timeline, at, actor, kind, null, null, detail)) };
    }

    /// <summary>
    /// The engine's entries added to <paramref name="timeline"/>, each under the department of its step in
    /// <paramref name="instance"/>'s pinned definitions, and under <paramref name="actor"/> when it is theirs.
    /// </summary>
    public static ImmutableList<TimelineEntry> Append(
        ImmutableList<TimelineEntry> timeline, IReadOnlyList<JournalEntry> events, Actor actor, WorkflowInstance? instance, WorkflowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var entry in events)
        {
            var item = entry.ItemId is null ? null : instance?.Items.FirstOrDefault(i => i.ItemId == entry.ItemId);
            var department = item is not null && entry.StepId is not null ? engine.DefinitionOf(item).FindStep(entry.StepId)?.Department : null;
            var detail = entry.Reason ?? (entry.Materials.IsDefaultOrEmpty ? (entry.Outcome is { } outcome ? CaseVocabulary.KindOf(outcome).Stored : null) : string.Join(",", entry.Materials));
            var who = entry.Actor == actor.User ? actor : entry.Actor == Actor.System.User ? Actor.System : new Actor(entry.Actor, actor.Role, actor.Department);
            timeline = timeline.Add(Entry(timeline, entry.At, who, CaseVocabulary.KindOf(entry.Action).Stored, entry.ItemId, entry.StepId, detail, department));
        }

        return timeline;
    }

    /// <summary>
    /// The instance as the grain keeps and stores it: the engine's journal is dropped (every entry of it is in the timeline,
    /// and the engine numbers new entries from the journal only for its own results).
    /// </summary>
    public static WorkflowInstance WithoutEngineJournal(WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Journal.IsDefaultOrEmpty ? instance : instance with { Journal = [] };
    }
}
