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
}
