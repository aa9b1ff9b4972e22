using Window.Contracts;
using Window.Grains.Cases;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains.Projections;

/// <summary>What the administrative acts add to a case's view: the statutory date, suspension, extensions, pending act, overdue supplements.</summary>
internal static class ActsProjection
{
    /// <summary><paramref name="view"/> with the acts of <paramref name="state"/>; a closed case shows no statutory date.</summary>
    public static CaseView WithActs(this CaseView view, CaseState state, WorkflowInstance instance, WorkflowEngine engine, DateTimeOffset now, bool closed)
    {
        var acts = CaseActs.Of(state);
        var statutory = engine.Statutory(instance, acts.ExtendedDays, now);
        return view with
        {
            // The last day of the statutory limit: the due instant is 24:00 of it.
            StatutoryBy = !closed && statutory.DueAt is { } due ? OfficeTime.DateOf(due.AddTicks(-1)) : null,
            Suspended = instance.SuspendedSince is not null,
            Extensions = acts.Extensions,
            PendingAct = acts.Pending,
            OverdueSupplements = ActWatch.Overdue(state, instance, engine, now),
            StatutoryBreached = acts.StatutoryBreached,
            ExtensionDaysLeft = closed ? 0 : Math.Max(0, engine.RulesOf(instance).ExtensionDays - acts.AskedDays),
            ActsDueAt = closed ? null : ActWatch.NextDue(state, instance, engine, now),
        };
    }
}
