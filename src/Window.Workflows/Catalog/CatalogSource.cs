using Window.Workflows.Calendar;

namespace Window.Workflows.Catalog;

/// <summary>
/// The catalogue a running engine reads, replaceable while it runs: an administrator publishes a calendar year and
/// every later question the engine asks sees it. Catalogues are immutable, so a reader holds one consistent copy.
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
        while (true)
        {
            var before = Current;
            var after = before.WithCalendarYear(year);
            if (ReferenceEquals(Interlocked.CompareExchange(ref current, after, before), before))
            {
                return after;
            }
        }
    }
}
