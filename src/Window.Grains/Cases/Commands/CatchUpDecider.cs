using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// Time acts on the case (the SLA watcher's <see cref="ICaseGrain.CatchUpAsync"/>, and before every command): due waits
/// elapse and changed lights are journaled.
/// </summary>
public static class CatchUpDecider
{
    /// <summary>The case after time acted, or <see langword="null"/> when time changed nothing.</summary>
    public static Decision? Decide(CaseState state, WorkflowInstance instance, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(context);
        var current = instance;
        var timeline = state.Timeline;
        foreach (var item in instance.Items.Where(i => i.Status == ItemStatus.Open))
        {
            foreach (var step in item.Steps.Where(s => s.Status == StepStatus.Waiting && s.WaitUntil <= context.Now))
            {
                var result = context.Engine.Apply(current, new ElapseWait(Actor.System.User, item.ItemId, step.Id), context.Now);
                if (result.IsSuccess)
                {
                    current = result.Instance!;
                    timeline = Journal.Append(timeline, result.Events, Actor.System, current, context.Engine);
                }
            }
        }

        var waitsElapsed = !ReferenceEquals(current, instance);
        var (observed, actsChanged) = ActWatch.Observe(state with { Timeline = timeline }, current, context);
        var (lit, _, lightsChanged) = Lights.Record(observed, current, context);
        return waitsElapsed || lightsChanged || actsChanged ? Decision.To(lit, waitsElapsed ? current : null) : null;
    }
}
