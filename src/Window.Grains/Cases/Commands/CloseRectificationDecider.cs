using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer closes an open rectification with its result (整改办结, <see cref="CloseRectificationCommand"/>).</summary>
public static class CloseRectificationDecider
{
    /// <summary>The rules of the request alone: a result is required free text.</summary>
    public static CaseOutcome? Validate(CloseRectificationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RectificationRules.Required(command.Result, "result");
    }

    /// <summary>
    /// Closes the rectification. At least one follow-up must be recorded first: GB/T 39734-2020 practice asks that every
    /// 差评 is followed up with the talent before it is closed. An appeal waiting for a supervisor blocks closure.
    /// </summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, CloseRectificationCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var (open, refusal) = RectificationRules.Open(state);
        if (open is null)
        {
            return Decision.Refused(refusal!);
        }

        if (open.FollowUps.Count == 0)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "no_follow_up", "Record a follow-up with the talent before closing."));
        }

        if (open.Appeal?.State == RectificationStates.AppealPending)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "appeal_pending", "An appeal waits for a supervisor's decision."));
        }

        var result = command.Result.Trim();
        var closed = state with { Rectification = open with { State = RectificationStates.Closed, Result = result, ClosedAt = context.Now } };
        return Decision.To(Journal.Add(closed, context.Now, command.Meta.Actor, TimelineKind.RectificationClosed.Stored, result));
    }
}
