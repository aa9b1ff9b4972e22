using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>A supervisor hands an open case to another officer (<see cref="ReassignOfficerCommand"/>).</summary>
public static class ReassignOfficerDecider
{
    /// <summary>Reassigns to one of <paramref name="officers"/> (the directory, fetched by the grain), never to the current owner.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, ReassignOfficerCommand command, CaseContext context, IReadOnlyCollection<string> officers)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(officers);
        if (state.Lifecycle != CaseStatusKind.Open.Stored)
        {
            return Decision.Refused(Refusals.Closed());
        }

        if (!officers.Contains(command.Officer, StringComparer.Ordinal))
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Unprocessable, "unknown_officer", $"{command.Officer} is not a case officer.", [command.Officer], "officer"));
        }

        if (command.Officer == state.Officer)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "same_officer", $"{command.Officer} already owns this case."));
        }

        return Decision.To(Journal.Add(state with { Officer = command.Officer }, context.Now, command.Meta.Actor, TimelineKind.OfficerAssigned.Stored, command.Officer));
    }
}
