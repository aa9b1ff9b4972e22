using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer appeals a poor rating as unfair (差评申诉, <see cref="AppealRatingCommand"/>); once per rectification.</summary>
public static class AppealRatingDecider
{
    /// <summary>The rules of the request alone: a reason is required free text.</summary>
    public static CaseOutcome? Validate(AppealRatingCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RectificationRules.Required(command.Reason, "reason");
    }

    /// <summary>Records the appeal on the open rectification, waiting for a supervisor.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, AppealRatingCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var (open, refusal) = RectificationRules.Open(state);
        if (open is null)
        {
            return Decision.Refused(refusal!);
        }

        if (open.Appeal is not null)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "already_appealed", "This rating was already appealed."));
        }

        var reason = command.Reason.Trim();
        var appealed = state with { Rectification = open with { Appeal = new RatingAppeal(context.Now, command.Meta.Actor.User, reason, RectificationStates.AppealPending) } };
        return Decision.To(Journal.Add(appealed, context.Now, command.Meta.Actor, TimelineKind.RatingAppealed.Stored, reason));
    }
}
