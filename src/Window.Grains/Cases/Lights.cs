using Window.Contracts;
using Window.Grains.Sla;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>
/// Records the lights a case shows at the context's instant; each change since the last record is journaled once
/// ("light-changed"), and escalations are sent from those journal entries.
/// </summary>
public static class Lights
{
    /// <summary>
    /// The state with its lights recorded, the case's view, and whether any light changed. The view is the case's view in
    /// the state returned: light-changed entries and recorded lights are not part of a view, so it is computed once, before.
    /// </summary>
    public static (CaseState State, CaseView View, bool Changed) Record(CaseState state, WorkflowInstance instance, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var view = Projection.View(context.CaseId, state, instance, context.Engine, context.Now);
        var (lights, changes) = LightWatch.Detect(state.Lights, view);
        var timeline = state.Timeline;
        foreach (var change in changes)
        {
            timeline = timeline.Add(Journal.Entry(timeline, context.Now, Actor.System, TimelineKind.LightChanged.Stored, change.ItemId, change.StepId, change.To, change.Department));
        }

        return (state with { Timeline = timeline, Lights = lights }, view, changes.Count > 0);
    }

    /// <summary>
    /// The first instant after <paramref name="now"/> at which time alone can change the case whose view at
    /// <paramref name="now"/> is <paramref name="view"/>: a running clock turns yellow or red, or a wait ends. Before it, a
    /// catch-up would find nothing to do (no light to journal, no wait to elapse), so the grain skips computing one.
    /// <paramref name="now"/> itself when something is already due that the view does not show done (a wait whose end has
    /// passed, a light behind its threshold): then nothing is skipped. <see cref="DateTimeOffset.MaxValue"/> when no clock
    /// runs and nothing waits.
    /// </summary>
    public static DateTimeOffset QuietUntil(CaseView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var next = DateTimeOffset.MaxValue;
        var overdue = false;
        void Consider(DateTimeOffset? at, bool shownDone)
        {
            if (at is not { } instant)
            {
                return;
            }

            if (instant > now)
            {
                next = instant < next ? instant : next;
            }
            else
            {
                overdue |= !shownDone;
            }
        }

        var red = LightKind.Red.Stored;
        var green = LightKind.Green.Stored;
        Consider(view.WarnAt, view.Light != green);
        Consider(view.DueAt, view.Light == red);
        foreach (var step in view.Steps)
        {
            Consider(step.WarnAt, step.Light != green);
            Consider(step.DueAt, step.Light == red);
            if (step.Status == StepStatusKind.Waiting.Stored)
            {
                Consider(step.WaitUntil, shownDone: false);
            }
        }

        // The acts' next instant (statutory limit, a supplement's last day) is never shown done: once journaled it moves on.
        Consider(view.ActsDueAt, shownDone: false);
        return overdue ? now : next;
    }
}
