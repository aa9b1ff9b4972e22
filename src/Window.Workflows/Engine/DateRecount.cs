using Window.Workflows.Calendar;
using Window.Workflows.Definitions;

namespace Window.Workflows.Engine;

/// <summary>
/// What changes in a running case when the calendar does (an administrator published a year): the ends of working-day
/// waits, counted when the wait started, are counted again from the same start. Clocks need nothing: deadlines are
/// computed from them on the current calendar whenever they are asked for.
/// </summary>
public static class DateRecount
{
    /// <summary>
    /// <paramref name="instance"/> with every running <c>waitDays</c> wait ending where the engine's current calendar puts
    /// it; the same instance when nothing moved.
    /// </summary>
    public static WorkflowInstance WithWaitsRecounted(this WorkflowEngine engine, WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(instance);
        var calendar = engine.Catalog.Calendar;
        var current = instance;
        for (var i = 0; i < current.Items.Length; i++)
        {
            var item = current.Items[i];
            var definition = engine.DefinitionOf(item);
            var steps = item.Steps;
            foreach (var step in item.Steps.Where(s => s is { Status: StepStatus.Waiting, ReadyAt: not null }))
            {
                if (definition.FindStep(step.Id) is not { Kind: StepKind.WaitDays, WaitDays: { } days })
                {
                    continue;
                }

                var end = OfficeTime.EndOf(calendar.AddWorkingDays(OfficeTime.DateOf(step.ReadyAt!.Value), days));
                if (end != step.WaitUntil)
                {
                    steps = steps.SetItem(steps.IndexOf(step), step with { WaitUntil = end });
                }
            }

            if (steps != item.Steps)
            {
                current = current with { Items = current.Items.SetItem(i, item with { Steps = steps }) };
            }
        }

        return current;
    }

    /// <summary>Whether a step's wait end was counted in working days through a year that is not published yet.</summary>
    public static bool WaitIsProvisional(WorkflowDefinition definition, StepInstance step, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(calendar);
        return step is { Status: StepStatus.Waiting, ReadyAt: { } ready, WaitUntil: { } until }
            && definition.FindStep(step.Id)?.Kind == StepKind.WaitDays
            && calendar.IsProvisional(OfficeTime.DateOf(ready), OfficeTime.DateOf(until.AddTicks(-1)));
    }
}
