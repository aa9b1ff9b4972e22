using Window.Workflows.Calendar;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>
/// The loaded catalogue: departments, every version of every item and bundle (running cases keep
/// the version they started with), and the working calendar. Immutable: publishing a version or a
/// calendar year returns a new catalogue.
/// </summary>
public sealed class WorkflowCatalog
{
    /// <summary>The reserved file that lists departments rather than an item.</summary>
    public const string DepartmentsFile = "departments.json";

    private readonly IReadOnlyDictionary<(string Id, int Version), WorkflowDefinition> _items;
    private readonly IReadOnlyDictionary<(string Id, int Version), BundleDefinition> _bundles;

    /// <summary>Creates a catalogue from already validated parts.</summary>
    public WorkflowCatalog(
        IEnumerable<Department> departments,
        IEnumerable<WorkflowDefinition> items,
        IEnumerable<BundleDefinition> bundles,
        WorkingCalendar calendar)
    {
        Departments = departments.ToDictionary(d => d.Id);
        _items = items.ToDictionary(d => (d.Id, d.Version));
        _bundles = bundles.ToDictionary(b => (b.Id, b.Version));
        Calendar = calendar;
    }

    /// <summary>Departments by id.</summary>
    public IReadOnlyDictionary<string, Department> Departments { get; }

    /// <summary>The working calendar.</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>Every version of every item.</summary>
    public IEnumerable<WorkflowDefinition> Items => _items.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version);

    /// <summary>Every version of every bundle.</summary>
    public IEnumerable<BundleDefinition> Bundles => _bundles.Values.OrderBy(b => b.Id, StringComparer.Ordinal).ThenBy(b => b.Version);

    /// <summary>A specific version of an item, or null.</summary>
    public WorkflowDefinition? FindItem(string id, int version) => _items.GetValueOrDefault((id, version));

    /// <summary>The newest version of an item, or null.</summary>
    public WorkflowDefinition? LatestItem(string id) =>
        _items.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    /// <summary>A specific version of a bundle, or null.</summary>
    public BundleDefinition? FindBundle(string id, int version) => _bundles.GetValueOrDefault((id, version));

    /// <summary>The newest version of a bundle, or null.</summary>
    public BundleDefinition? LatestBundle(string id) =>
        _bundles.Values.Where(b => b.Id == id).MaxBy(b => b.Version);

    /// <summary>
    /// A catalogue that also holds <paramref name="definition"/>; its version must be newer than any
    /// published version of the item. Older versions stay available to running cases.
    /// </summary>
    public WorkflowCatalog Publish(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (LatestItem(definition.Id) is { } latest && latest.Version >= definition.Version)
        {
            throw new ArgumentException($"Item '{definition.Id}' already has version {latest.Version}; publish a higher version.", nameof(definition));
        }

        return new WorkflowCatalog(Departments.Values, _items.Values.Append(definition), _bundles.Values, Calendar);
    }

    /// <summary>A catalogue whose calendar also knows <paramref name="year"/>.</summary>
    public WorkflowCatalog WithCalendarYear(CalendarYear year) =>
        new(Departments.Values, _items.Values, _bundles.Values, Calendar.WithYear(year));

    /// <summary>
    /// Loads and validates the catalogue in <paramref name="folder"/>: <c>departments.json</c>,
    /// <c>&lt;item-id&gt;.json</c> for the current version of each item or bundle,
    /// <c>archive/&lt;id&gt;.v&lt;version&gt;.json</c> for earlier versions still used by running
    /// cases, and <c>calendar/&lt;year&gt;.json</c>.
    /// </summary>
    /// <exception cref="CatalogValidationException">The catalogue has problems; they are all listed.</exception>
    public static WorkflowCatalog Load(string folder)
    {
        var (catalog, problems) = CatalogLoader.Read(folder);
        return problems.Count == 0 ? catalog! : throw new CatalogValidationException(problems);
    }

    /// <summary>Every problem in the catalogue in <paramref name="folder"/>; empty when it is valid.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(string folder) => CatalogLoader.Read(folder).Problems;
}
