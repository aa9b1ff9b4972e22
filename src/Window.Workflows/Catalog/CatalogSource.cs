using Window.Workflows.Calendar;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>
/// The catalogue a running engine reads, replaceable while it runs: an administrator publishes a calendar year, an item
/// version or a department and every later question the engine asks sees it. Catalogues are immutable, so a reader holds one consistent copy.
/// </summary>
public sealed class CatalogSource(WorkflowCatalog initial)
{
    private WorkflowCatalog current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <summary>The catalogue now.</summary>
    public WorkflowCatalog Current => Volatile.Read(ref current);

    /// <summary>Adds (or replaces) a calendar year; concurrent publications are all kept.</summary>
    public WorkflowCatalog WithCalendarYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return Change(catalog => catalog.WithCalendarYear(year));
    }

    /// <summary>Adds a published item version (newer than any the item has); running cases keep theirs.</summary>
    public WorkflowCatalog Publish(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Change(catalog => catalog.Publish(definition));
    }

    /// <summary>Retracts an item version: new cases no longer open on it.</summary>
    public WorkflowCatalog Retract(string id, int version) => Change(catalog => catalog.Retract(id, version));

    /// <summary>Replaces the departments steps are routed to.</summary>
    public WorkflowCatalog WithDepartments(IReadOnlyList<Department> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        return Change(catalog => catalog.WithDepartments(departments));
    }

    /// <summary>Replaces departments, item versions and retractions with the stored ones, keeping bundles and calendar years.</summary>
    public WorkflowCatalog WithDefinitions(IReadOnlyList<Department> departments, IReadOnlyList<WorkflowDefinition> items, IReadOnlyList<(string Id, int Version)> retracted)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(retracted);
        return Change(catalog => catalog.WithDefinitions(departments, items, retracted));
    }

    /// <summary>Applies a change to the catalogue now; a change made concurrently is never lost (the loser retries on the winner's catalogue).</summary>
    private WorkflowCatalog Change(Func<WorkflowCatalog, WorkflowCatalog> change)
    {
        while (true)
        {
            var before = Current;
            var after = change(before);
            if (ReferenceEquals(Interlocked.CompareExchange(ref current, after, before), before))
            {
                return after;
            }
        }
    }
}
