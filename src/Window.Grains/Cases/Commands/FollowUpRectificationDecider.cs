using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer records a follow-up (回访) of an open rectification (<see cref="FollowUpRectificationCommand"/>).</summary>
public static class FollowUpRectificationDecider
{
    /// <summary>The rules of the request alone: a note is required free text.</summary>
    public static CaseOutcome? Validate(FollowUpRectificationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RectificationRules.Required(command.Note, "note");
    }

    /// <summary>Adds the follow-up to the open rectification and journals it.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, FollowUpRectificationCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var (open, refusal) = RectificationRules.Open(state);
        if (open is null)
        {
            return Decision.Refused(refusal!);
        }

        var note = command.Note.Trim();
        var followed = state with { Rectification = open with { FollowUps = [.. open.FollowUps, new RectificationFollowUp(context.Now, command.Meta.Actor.User, note)] } };
        return Decision.To(Journal.Add(followed, context.Now, command.Meta.Actor, TimelineKind.RectificationFollowedUp.Stored, note));
    }
}
