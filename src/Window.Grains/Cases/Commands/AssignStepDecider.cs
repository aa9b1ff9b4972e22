using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// A supervisor gives a step to a named clerk of its department (改派, <see cref="AssignStepCommand"/>): an absent clerk's
/// claim no longer blocks the case. The step must be ready or claimed; the clerk must belong to the step's department.
/// </summary>
public static class AssignStepDecider
{
    /// <summary>The rules of the request alone: a clerk is named.</summary>
    public static CaseOutcome? Validate(AssignStepCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return string.IsNullOrWhiteSpace(command.Assignee)
            ? CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_request", "Name the clerk who takes the step.", [], "user")
            : null;
    }

    /// <summary>The engine claims the step for the clerk, who must be of the step's department.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, AssignStepCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var actor = command.Meta.Actor;
        if (EngineDecisions.Locate(instance, context.Engine, command.StepId, actor) is not { } target)
        {
            return Decision.Refused(Refusals.StepNotFound(command.StepId));
        }

        var item = instance.Items.First(i => i.ItemId == target.ItemId);
        var department = context.Engine.DefinitionOf(item).FindStep(target.StepId)!.Department;
        if (department != command.AssigneeDepartment)
        {
            return Decision.Refused(
                CaseOutcome.Fail(OutcomeStatus.Unprocessable, "not_in_department", $"{command.Assignee} is not a clerk of the step's department {department}.", [command.Assignee], "user"),
                target);
        }

        return EngineDecisions.Apply(state, instance, new AssignStep(actor.User, target.ItemId, target.StepId, command.Assignee), actor, context, target);
    }
}
