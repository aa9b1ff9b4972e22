using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The talent withdraws the application (撤回, <see cref="WithdrawCommand"/>).</summary>
public static class WithdrawDecider
{
    /// <summary>The rules of the request alone: the reason is required free text the case keeps.</summary>
    public static CaseOutcome? Validate(WithdrawCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(CaseRules.Withdrawal(command.Reason));
    }

    /// <summary>Withdraws an open case that is not completed yet.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, WithdrawCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Lifecycle != CaseStatusKind.Open.Stored || instance.Status == CaseStatus.Completed)
        {
            return Decision.Refused(Refusals.Closed());
        }

        return Decision.To(Journal.Add(state with { Lifecycle = CaseStatusKind.Withdrawn.Stored }, context.Now, command.Meta.Actor, TimelineKind.Withdrawn.Stored, command.Reason));
    }
}
