using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>A department officer takes a ready step of their department (<see cref="ClaimStepCommand"/>).</summary>
public static class ClaimStepDecider
{
    /// <summary>The engine claims the step, found only among the actor's department's steps.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, ClaimStepCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = command.Meta.Actor;
        return EngineDecisions.OnStep(state, instance, command.StepId, actor, context, target => new ClaimStep(actor.User, target.ItemId, target.StepId));
    }
}
