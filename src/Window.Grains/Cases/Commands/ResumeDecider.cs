using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer resumes a suspended case (<see cref="ResumeCommand"/>): its clocks restart where they stood.</summary>
public static class ResumeDecider
{
    /// <summary>Resumes; a case that is not suspended is a conflict.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, ResumeCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        var actor = command.Meta.Actor;
        var journaled = Journal.Add(state, context.Now, actor, TimelineKind.Resumed.Stored, null);
        return EngineDecisions.Apply(journaled, instance, new ResumeCase(actor.User), actor, context);
    }
}
