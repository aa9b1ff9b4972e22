using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// A supervisor decides an appealed rating (<see cref="DecideAppealCommand"/>): upheld, it keeps counting; voided, it
/// leaves the satisfaction figures (the read model no longer carries its level) but stays in the journal, and the
/// rectification closes with it.
/// </summary>
public static class DecideAppealDecider
{
    /// <summary>Decides the pending appeal.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, DecideAppealCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var (open, refusal) = RectificationRules.Open(state);
        if (open is null)
        {
            return Decision.Refused(refusal!);
        }

        if (open.Appeal is not { State: RectificationStates.AppealPending } appeal)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "no_pending_appeal", "No appeal waits for a decision."));
        }

        var decided = appeal with
        {
            State = command.Uphold ? RectificationStates.AppealUpheld : RectificationStates.AppealVoided,
            DecidedAt = context.Now,
            DecidedBy = command.Meta.Actor.User,
        };
        var rectification = command.Uphold
            ? open with { Appeal = decided }
            : open with { Appeal = decided, State = RectificationStates.Closed, ClosedAt = context.Now };
        var kind = command.Uphold ? TimelineKind.RatingUpheld : TimelineKind.RatingVoided;
        return Decision.To(Journal.Add(state with { Rectification = rectification }, context.Now, command.Meta.Actor, kind.Stored, state.Evaluation?.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
