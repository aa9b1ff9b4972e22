using Window.Contracts;
using Window.Workflows.Engine;
using Window.Workflows.Sla;

namespace Window.Grains.Cases;

/// <summary>
/// Time acting on the acts (part of <see cref="Commands.CatchUpDecider"/>): the statutory limit passing with the case
/// undecided is journaled once as a breach of its own, and each supplement past its last day once, so that the officer
/// decides (extend once or 不予办理).
/// </summary>
public static class ActWatch
{
    /// <summary>The state with what time made happen journaled, and whether anything was.</summary>
    public static (CaseState State, bool Changed) Observe(CaseState state, WorkflowInstance instance, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(context);
        if (ActDecisions.Undecided(state, instance) is not null)
        {
            return (state, false);
        }

        var acts = CaseActs.Of(state);
        var next = state;
        if (!acts.StatutoryBreached && context.Engine.Statutory(instance, acts.ExtendedDays, context.Now).Light == SlaLight.Red)
        {
            acts = acts with { StatutoryBreached = true };
            next = Journal.Add(next, context.Now, Actor.System, TimelineKind.StatutoryBreached.Stored, null);
        }

        foreach (var overdue in WorkflowEngine.OverdueSupplements(instance, ActDecisions.Today(context)))
        {
            var noticed = $"{overdue.Key}@{overdue.Due:yyyy-MM-dd}";
            if (!acts.OverdueNoticed.Contains(noticed))
            {
                acts = acts with { OverdueNoticed = acts.OverdueNoticed.Add(noticed) };
                var entry = Journal.Entry(next.Timeline, context.Now, Actor.System, TimelineKind.SupplementOverdue.Stored, overdue.ItemId, overdue.StepId, overdue.Key);
                next = next with { Timeline = next.Timeline.Add(entry) };
            }
        }

        return ReferenceEquals(next, state) ? (state, false) : (next with { Acts = acts }, true);
    }

    /// <summary>
    /// The next instant at which <see cref="Observe"/> will journal something: the statutory due instant (until the breach
    /// is journaled), and the start of the day after each supplement's last day (until it is journaled). The read model
    /// stores it, so that the SLA watcher wakes the case then even when no light changes.
    /// </summary>
    public static DateTimeOffset? NextDue(CaseState state, WorkflowInstance instance, WorkflowEngine engine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(engine);
        var acts = CaseActs.Of(state);
        var candidates = new List<DateTimeOffset>();
        if (!acts.StatutoryBreached && engine.Statutory(instance, acts.ExtendedDays, now).DueAt is { } statutory)
        {
            candidates.Add(statutory);
        }

        var supplements = instance.Items.Where(i => i.Status == ItemStatus.Open).SelectMany(i => i.Steps
                .Where(s => s.Status == StepStatus.Returned && s.SupplementDue is not null)
                .Select(s => ($"{i.ItemId}.{s.Id}", s.SupplementDue!.Value)))
            .ToList();
        if (instance.SupplementDueOn is { } deferred && instance.Materials.Any(m => m.Status == MaterialStatus.Deferred))
        {
            supplements.Add(("deferred", deferred));
        }

        candidates.AddRange(supplements.Where(s => !acts.OverdueNoticed.Contains($"{s.Item1}@{s.Item2:yyyy-MM-dd}"))
            .Select(s => Workflows.Calendar.OfficeTime.StartOf(s.Item2.AddDays(1))));
        return candidates.Count == 0 ? null : candidates.Min();
    }

    /// <summary>The overdue supplements as the case view shows them, with the items each holds up.</summary>
    public static IReadOnlyList<OverdueSupplementView> Overdue(CaseState state, WorkflowInstance instance, WorkflowEngine engine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(engine);
        if (ActDecisions.Undecided(state, instance) is not null)
        {
            return [];
        }

        var acts = CaseActs.Of(state);
        return [.. WorkflowEngine.OverdueSupplements(instance, Workflows.Calendar.OfficeTime.DateOf(now))
            .Select(o => new OverdueSupplementView(o.Key, HeldItems(instance, engine, o), o.Due, acts.SupplementsExtended.Contains(o.Key)))];
    }

    /// <summary>Whether an overdue supplement holds <paramref name="itemId"/> up.</summary>
    public static bool HeldUp(WorkflowInstance instance, CaseContext context, string itemId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WorkflowEngine.OverdueSupplements(instance, ActDecisions.Today(context)).Any(o => HeldItems(instance, context.Engine, o).Contains(itemId));
    }

    /// <summary>The open items a supplement holds up: a return's own item, or every open item whose checklist has a deferred material.</summary>
    private static List<string> HeldItems(WorkflowInstance instance, WorkflowEngine engine, OverdueSupplement overdue)
    {
        if (overdue.ItemId is { } item)
        {
            return [item];
        }

        var deferred = instance.Materials.Where(m => m.Status == MaterialStatus.Deferred).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return [.. instance.Items.Where(i => i.Status == ItemStatus.Open && engine.DefinitionOf(i).Materials.Any(m => deferred.Contains(m.Id))).Select(i => i.ItemId)];
    }
}
