using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>Shared by the deciders that hand a command to the engine: an open case, the engine's verdict, its entries journaled.</summary>
public static class EngineDecisions
{
    /// <summary>Finds <c>item.step</c>; department staff see only their department's steps (the rest is "not found").</summary>
    public static StepAddress? Locate(WorkflowInstance instance, WorkflowEngine engine, string stepId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(stepId);
        ArgumentNullException.ThrowIfNull(actor);
        var dot = stepId.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var (itemId, id) = (stepId[..dot], stepId[(dot + 1)..]);
        var item = instance.Items.FirstOrDefault(i => i.ItemId == itemId);
        var definition = item is null ? null : engine.DefinitionOf(item).FindStep(id);
        return definition is null || (actor.Role == Roles.Department && definition.Department != actor.Department) ? null : new StepAddress(itemId, id);
    }

    /// <summary>
    /// A step command of department staff: the step is found among the actor's department's steps only (else "not found"),
    /// then the engine applies the command <paramref name="build"/> makes for it.
    /// </summary>
    public static Decision OnStep(CaseState state, WorkflowInstance instance, string stepId, Actor actor, CaseContext context, Func<StepAddress, WorkflowCommand> build)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(build);
        return Locate(instance, context.Engine, stepId, actor) is { } target
            ? Apply(state, instance, build(target), actor, context, target)
            : Decision.Refused(Refusals.StepNotFound(stepId));
    }

    /// <summary>The engine applies <paramref name="command"/> to an open case; its journal entries go to the timeline under <paramref name="actor"/>.</summary>
    public static Decision Apply(CaseState state, WorkflowInstance instance, WorkflowCommand command, Actor actor, CaseContext context, StepAddress? target = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Lifecycle != CaseStatusKind.Open.Stored)
        {
            return Decision.Refused(Refusals.Closed(), target);
        }

        var result = context.Engine.Apply(instance, command, context.Now);
        if (!result.IsSuccess)
        {
            return Decision.Refused(Refusals.FromEngine(result.Error!), target);
        }

        var timeline = Journal.Append(state.Timeline, result.Events, actor, instance, context.Engine);
        return Decision.To(state with { Timeline = timeline }, result.Instance, target);
    }
}
