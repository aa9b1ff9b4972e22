using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The window hands over the result (出件, <see cref="DeliverResultCommand"/>) once every item is decided.</summary>
public static class DeliverResultDecider
{
    /// <summary>Delivers a completed, open case by post, online or in person (which counts as a trip).</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, DeliverResultCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Lifecycle != CaseStatusKind.Open.Stored)
        {
            return Decision.Refused(Refusals.Closed());
        }

        if (instance.Status != CaseStatus.Completed)
        {
            var open = instance.Items.Where(i => i.Status == ItemStatus.Open).Select(i => i.ItemId).ToList();
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "not_decided", "The result can be handed over only when every item is decided.", open));
        }

        if (command.Method is not (CaseVocabulary.Delivery.Post or CaseVocabulary.Delivery.Online or CaseVocabulary.Delivery.InPerson))
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_method", "The delivery method must be post, online or in-person.", [], "method"));
        }

        var inPerson = command.Method == CaseVocabulary.Delivery.InPerson;
        if (inPerson && command.Collector is not (null or Collectors.Talent or Collectors.Proxy))
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_collector", "Who collected it must be talent or proxy.", [], "collector"));
        }

        if (inPerson && command.Collector == Collectors.Proxy && command.SealedProxy is not { Length: > 0 })
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_request", "A proxy's name and ID number are required.", [], "proxy"));
        }

        // A collector is recorded only at the window; post and online have none. A proxy collecting is still the talent's
        // one trip (跑动次数 counts the visits the case needed, whoever made them).
        var collector = inPerson ? command.Collector ?? Collectors.Talent : null;
        var delivered = state with
        {
            Lifecycle = CaseStatusKind.Delivered.Stored,
            DeliveredAt = context.Now,
            Trips = state.Trips + (inPerson ? 1 : 0),
            Delivery = new DeliveryView(command.Method, collector, collector == Collectors.Proxy ? command.SealedProxy : null),
        };
        return Decision.To(Journal.Add(delivered, context.Now, command.Meta.Actor, TimelineKind.Delivered.Stored,
            collector is null ? command.Method : $"{command.Method}:{collector}"));
    }
}
