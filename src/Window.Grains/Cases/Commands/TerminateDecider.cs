using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// The officer terminates the case (终止, <see cref="TerminateCommand"/>): every open item ends with the reason, every open
/// step is cancelled, every clock stops, and the talent's items are free for a new case.
/// </summary>
public static class TerminateDecider
{
    /// <summary>The rules of the request alone: the reason is required.</summary>
    public static CaseOutcome? Validate(TerminateCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(CaseRules.Reason(command.Reason));
    }

    /// <summary>Terminates now, or, where the definition asks for approval, waits for a supervisor.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, TerminateCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        var actor = command.Meta.Actor;
        return ActDecisions.NowOrOnApproval(state, instance, CaseActKind.Termination, TimelineKind.TerminationRequested, command.Reason, actor, context,
            () => ActDecisions.Terminate(state, instance, command.Reason, actor, context));
    }
}
