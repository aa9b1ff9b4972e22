using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer suspends the case (中止, <see cref="SuspendCommand"/>): its clocks stand still until it is resumed.</summary>
public static class SuspendDecider
{
    /// <summary>The rules of the request alone: the reason is required.</summary>
    public static CaseOutcome? Validate(SuspendCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(CaseRules.Reason(command.Reason));
    }

    /// <summary>Suspends now, or, where the definition asks for approval, waits for a supervisor.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, SuspendCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        if (instance.SuspendedSince is not null)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, WorkflowErrorCodes.CaseSuspended, "The case is already suspended."));
        }

        var actor = command.Meta.Actor;
        return ActDecisions.NowOrOnApproval(state, instance, CaseActKind.Suspension, TimelineKind.SuspensionRequested, command.Reason, actor, context,
            () => ActDecisions.Suspend(state, instance, command.Reason, actor, context));
    }
}
