using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer asks to extend the statutory limit (延期, art. 42; <see cref="RequestExtensionCommand"/>); a supervisor decides.</summary>
public static class RequestExtensionDecider
{
    /// <summary>The rules of the request alone: positive days and a reason.</summary>
    public static CaseOutcome? Validate(RequestExtensionCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(ActRulesInput.Extension(command.Days, command.Reason));
    }

    /// <summary>
    /// Records the request, pending: one at a time, and all requests not refused together within the definition's allowance.
    /// </summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, RequestExtensionCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        var acts = CaseActs.Of(state);
        if (acts.PendingExtension is not null)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "extension_pending", "An extension is already waiting for a supervisor's decision."));
        }

        var allowance = context.Engine.RulesOf(instance).ExtensionDays;
        if (acts.AskedDays + command.Days > allowance)
        {
            return Decision.Refused(CaseOutcome.Fail(
                OutcomeStatus.Unprocessable,
                "extension_exceeds_allowance",
                $"Extensions may add at most {allowance} working days in all; {Math.Max(0, allowance - acts.AskedDays)} are left.",
                [],
                "days"));
        }

        var actor = command.Meta.Actor;
        var extension = new CaseExtension(command.Days, command.Reason, actor.User, context.Now, ExtensionStatuses.Pending);
        var next = ActDecisions.With(state, acts with { Extensions = acts.Extensions.Add(extension) });
        return Decision.To(Journal.Add(next, context.Now, actor, TimelineKind.ExtensionRequested.Stored, $"{command.Days}|{command.Reason}"));
    }
}
