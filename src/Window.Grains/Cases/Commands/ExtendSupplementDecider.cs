using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The officer gives an overdue supplement one new last day, with a reason (<see cref="ExtendSupplementCommand"/>).</summary>
public static class ExtendSupplementDecider
{
    /// <summary>The rules of the request alone: which supplement, the day and the reason.</summary>
    public static CaseOutcome? Validate(ExtendSupplementCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(ActRulesInput.SupplementExtension(command.Supplement, command.Due, command.Reason));
    }

    /// <summary>Only an overdue supplement, and only once; the new day must be after today.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, ExtendSupplementCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        var overdue = WorkflowEngine.OverdueSupplements(instance, ActDecisions.Today(context)).FirstOrDefault(o => o.Key == command.Supplement);
        if (overdue is null)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "supplement_not_overdue", "That supplement is not past its last day.", [], "supplement"));
        }

        var acts = CaseActs.Of(state);
        if (acts.SupplementsExtended.Contains(overdue.Key))
        {
            return Decision.Refused(CaseOutcome.Fail(
                OutcomeStatus.Conflict, "supplement_extended_once", "A supplement is extended once; close the item as 不予办理 instead.", [], "supplement"));
        }

        if (command.Due <= ActDecisions.Today(context))
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, WorkflowErrorCodes.InvalidDue, "The new last day must be after today.", [], "due"));
        }

        var actor = command.Meta.Actor;
        var next = ActDecisions.With(state, acts with { SupplementsExtended = acts.SupplementsExtended.Add(overdue.Key) });
        next = Journal.Add(next, context.Now, actor, TimelineKind.SupplementExtended.Stored, $"{overdue.Key}|{command.Due:yyyy-MM-dd}|{command.Reason}");
        return EngineDecisions.Apply(next, instance, new SetSupplementDue(actor.User, overdue.ItemId, overdue.StepId, command.Due), actor, context);
    }
}
