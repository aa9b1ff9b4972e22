using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// A supervisor approves or refuses the act waiting on the case (<see cref="DecideActCommand"/>): an extension moves the
/// statutory limit; an approved suspension or termination takes effect now.
/// </summary>
public static class DecideActDecider
{
    /// <summary>The rules of the request alone: a known act and a comment within the text rule.</summary>
    public static CaseOutcome? Validate(DecideActCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CaseActKinds.TryParse(command.Act, out _)
            ? Refusals.Text(command.Comment, "comment")
            : CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_request", "act must be extension, suspension or termination.", [], "act");
    }

    /// <summary>The decision on the pending act of that kind; nothing pending is a conflict.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, DecideActCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        var acts = CaseActs.Of(state);
        var actor = command.Meta.Actor;
        var comment = command.Comment;
        if (CaseActKinds.Names.Parse(command.Act) == CaseActKind.Extension)
        {
            if (acts.PendingExtension is not { } pending)
            {
                return Decision.Refused(NothingPending(command.Act));
            }

            var decided = pending with
            {
                Status = command.Approve ? ExtensionStatuses.Approved : ExtensionStatuses.Refused,
                DecidedBy = actor.User,
                DecidedAt = context.Now,
                Comment = comment,
            };
            var next = ActDecisions.With(state, acts with { Extensions = acts.Extensions.Replace(pending, decided) });
            var kind = command.Approve ? TimelineKind.ExtensionApproved : TimelineKind.ExtensionRefused;
            return Decision.To(Journal.Add(next, context.Now, actor, kind.Stored, $"{pending.Days}|{comment}"));
        }

        if (acts.Pending is not { } act || act.Act != command.Act)
        {
            return Decision.Refused(NothingPending(command.Act));
        }

        var cleared = ActDecisions.With(state, acts with { Pending = null });
        if (!command.Approve)
        {
            return Decision.To(Journal.Add(cleared, context.Now, actor, TimelineKind.ActRefused.Stored, $"{act.Act}|{comment}"));
        }

        return act.Act == CaseActKind.Suspension.Stored
            ? ActDecisions.Suspend(cleared, instance, act.Reason, actor, context)
            : ActDecisions.Terminate(cleared, instance, act.Reason, actor, context);
    }

    private static CaseOutcome NothingPending(string act) =>
        CaseOutcome.Fail(OutcomeStatus.Conflict, "nothing_pending", $"No {act} is waiting for a decision on this case.");
}
