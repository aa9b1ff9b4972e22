using System.Globalization;
using Window.Contracts;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// A calendar year was published (<see cref="ICaseGrain.RecountDatesAsync"/>): the case's working-day dates are counted
/// again on it, once per calendar.
/// </summary>
public static class RecountDatesDecider
{
    /// <summary>Whether a recount on the calendar with <paramref name="fingerprint"/> has anything to do for this case.</summary>
    public static bool IsDue(CaseState state, WorkflowInstance instance, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        return state.CalendarFingerprint != fingerprint && state.Lifecycle == CaseStatusKind.Open.Stored && instance.Status != CaseStatus.Completed;
    }

    /// <summary>
    /// Recounts waits and the promise on the engine's calendar. A promise already printed on the receipt never moves
    /// earlier; a later one is taken and journaled (顺延).
    /// </summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(context);
        var calendar = context.Engine.Catalog.Calendar;
        var recounted = state with { CalendarFingerprint = calendar.Fingerprint };
        var promise = calendar.AddWorkingDays(OfficeTime.DateOf(instance.AcceptedAt), instance.Clock.LimitDays);
        if (promise > recounted.PromisedBy)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{recounted.PromisedBy:yyyy-MM-dd}→{promise:yyyy-MM-dd}");
            recounted = Journal.Add(recounted with { PromisedBy = promise }, context.Now, Actor.System, TimelineKind.PromisePostponed.Stored, detail);
        }

        var current = context.Engine.WithWaitsRecounted(instance);
        return Decision.To(recounted, ReferenceEquals(current, instance) ? null : current);
    }
}
