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
    private readonly HashSet<(string Id, int Version)> _retracted;

    /// <summary>Creates a catalogue from already validated parts.</summary>
    public WorkflowCatalog(
        IEnumerable<Department> departments,
        IEnumerable<WorkflowDefinition> items,
        IEnumerable<BundleDefinition> bundles,
        WorkingCalendar calendar)
        : this(departments, items, bundles, calendar, [])
    {
    }

    /// <summary>Creates a catalogue from already validated parts, some item versions of which are retracted.</summary>
    public WorkflowCatalog(
        IEnumerable<Department> departments,
        IEnumerable<WorkflowDefinition> items,
        IEnumerable<BundleDefinition> bundles,
        WorkingCalendar calendar,
        IEnumerable<(string Id, int Version)> retracted)
    {
        Departments = departments.ToDictionary(d => d.Id);
        _items = items.ToDictionary(d => (d.Id, d.Version));
        _bundles = bundles.ToDictionary(b => (b.Id, b.Version));
        _retracted = retracted.ToHashSet();
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

    /// <summary>
    /// The newest version of an item that is not retracted (the one new cases open on), or null when the item is unknown or
    /// every version is retracted. Running cases read their own version with <see cref="FindItem"/>.
    /// </summary>
    public WorkflowDefinition? LatestItem(string id) =>
        _items.Values.Where(d => d.Id == id && !_retracted.Contains((d.Id, d.Version))).MaxBy(d => d.Version);

    /// <summary>The newest version of an item, retracted or not (for names and history), or null.</summary>
    public WorkflowDefinition? NewestItem(string id) =>
        _items.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    /// <summary>Whether a version of an item is retracted: running cases continue on it, new cases cannot use it.</summary>
    public bool IsRetracted(string id, int version) => _retracted.Contains((id, version));

    /// <summary>The items new cases can be opened on: the newest version of each item that is not retracted.</summary>
    public IEnumerable<WorkflowDefinition> OpenableItems =>
        _items.Values.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).Select(LatestItem).OfType<WorkflowDefinition>();

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
        if (NewestItem(definition.Id) is { } latest && latest.Version >= definition.Version)
        {
            throw new ArgumentException($"Item '{definition.Id}' already has version {latest.Version}; publish a higher version.", nameof(definition));
        }

        return new WorkflowCatalog(Departments.Values, _items.Values.Append(definition), _bundles.Values, Calendar, _retracted);
    }

    /// <summary>A catalogue in which a version of an item is retracted: new cases no longer open on it, running ones keep it.</summary>
    public WorkflowCatalog Retract(string id, int version) =>
        FindItem(id, version) is null
            ? throw new ArgumentException($"Item '{id}' has no version {version}.", nameof(version))
            : new WorkflowCatalog(Departments.Values, _items.Values, _bundles.Values, Calendar, _retracted.Append((id, version)));

    /// <summary>A catalogue with these departments instead (added or renamed by an administrator).</summary>
    public WorkflowCatalog WithDepartments(IEnumerable<Department> departments) =>
        new(departments, _items.Values, _bundles.Values, Calendar, _retracted);

    /// <summary>
    /// A catalogue with these departments, item versions and retractions instead (as stored by the studio), keeping its
    /// bundles and its calendar.
    /// </summary>
    public WorkflowCatalog WithDefinitions(IEnumerable<Department> departments, IEnumerable<WorkflowDefinition> items, IEnumerable<(string Id, int Version)> retracted) =>
        new(departments, items, _bundles.Values, Calendar, retracted);

    /// <summary>A catalogue whose calendar also knows <paramref name="year"/>.</summary>
    public WorkflowCatalog WithCalendarYear(CalendarYear year) =>
        new(Departments.Values, _items.Values, _bundles.Values, Calendar.WithYear(year), _retracted);

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
