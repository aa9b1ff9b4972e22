using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>An in-person trip of the talent (<see cref="RecordVisitCommand"/>): what the 跑动次数 figure counts.</summary>
public static class RecordVisitDecider
{
    /// <summary>The rules of the request alone: the purpose is free text the case keeps.</summary>
    public static CaseOutcome? Validate(RecordVisitCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Text(command.Purpose, "purpose");
    }

    /// <summary>Counts a trip, even after delivery (the talent did come); a withdrawn or terminated case takes no more (nothing is delivered).</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, RecordVisitCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Lifecycle == CaseStatusKind.Withdrawn.Stored || state.Lifecycle == CaseStatusKind.Terminated.Stored)
        {
            return Decision.Refused(Refusals.Closed());
        }

        return Decision.To(Journal.Add(state with { Trips = state.Trips + 1 }, context.Now, command.Meta.Actor, TimelineKind.Visit.Stored, command.Purpose));
    }
}
