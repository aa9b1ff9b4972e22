using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// The officer closes an item that an overdue supplement holds up as 不予办理 (<see cref="CloseItemCommand"/>): the item
/// ends with the reason and its open steps are cancelled.
/// </summary>
public static class CloseItemDecider
{
    /// <summary>The rules of the request alone: the reason is required.</summary>
    public static CaseOutcome? Validate(CloseItemCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(CaseRules.Reason(command.Reason));
    }

    /// <summary>Only an item held up by an overdue supplement: its own returned step, or a deferred material of its checklist.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, CloseItemCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is { } closed)
        {
            return Decision.Refused(closed);
        }

        if (!ActWatch.HeldUp(instance, context, command.ItemId))
        {
            return Decision.Refused(CaseOutcome.Fail(
                OutcomeStatus.Conflict, "item_not_overdue", "No overdue supplement holds this item up.", [], "itemId"));
        }

        var actor = command.Meta.Actor;
        var entry = Journal.Entry(state.Timeline, context.Now, actor, TimelineKind.ItemClosed.Stored, command.ItemId, null, command.Reason);
        var journaled = state with { Timeline = state.Timeline.Add(entry) };
        return EngineDecisions.Apply(journaled, instance, new CloseItem(actor.User, command.ItemId, command.Reason), actor, context);
    }
}
