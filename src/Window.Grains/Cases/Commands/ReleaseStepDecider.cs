using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// The department officer who claimed a step gives it back (取消签收, <see cref="ReleaseStepCommand"/>): the step is ready
/// again for anyone in the department. Only the claimer may release; a step nobody claimed has nothing to release.
/// </summary>
public static class ReleaseStepDecider
{
    /// <summary>The engine releases the step, found only among the actor's department's steps.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, ReleaseStepCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = command.Meta.Actor;
        return EngineDecisions.OnStep(state, instance, command.StepId, actor, context, target => new ReleaseStep(actor.User, target.ItemId, target.StepId));
    }
}
