namespace Window.Workflows.Definitions;

/// <summary>One material of a combined checklist, collected once for every item that needs it (材料一次提交、多方复用).</summary>
/// <param name="Id">The material id.</param>
/// <param name="Name">Its name in the first item that lists it.</param>
/// <param name="Required">Some item requires it.</param>
/// <param name="MayDefer">No item requires it without allowing 容缺: it may be deferred.</param>
/// <param name="Items">The items that list it, in the checklist's order.</param>
public sealed record ChecklistMaterial(string Id, LocalizedName Name, bool Required, bool MayDefer, IReadOnlyList<string> Items)
{
    /// <summary>Required and deferrable: what the window offers to accept with a supplement date (容缺受理).</summary>
    public bool Deferrable => Required && MayDefer;
}

/// <summary>
/// The materials of one or more items as one list, in the order the window works through them: item by item as opened,
/// each item's materials as its definition lists them, a shared material where it first appears. The engine refuses an
/// opening by it and the desk's form shows it, so what is missing reads in the same order in both.
/// </summary>
public sealed class Checklist
{
    private readonly Dictionary<string, ChecklistMaterial> byId;

    private Checklist(IReadOnlyList<WorkflowDefinition> items, IReadOnlyList<ChecklistMaterial> materials)
    {
        Items = items;
        Materials = materials;
        byId = materials.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The items, in the order given.</summary>
    public IReadOnlyList<WorkflowDefinition> Items { get; }

    /// <summary>Every material once, in checklist order.</summary>
    public IReadOnlyList<ChecklistMaterial> Materials { get; }

    /// <summary>The combined checklist of <paramref name="items"/>.</summary>
    public static Checklist Of(IEnumerable<WorkflowDefinition> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var materials = list
            .SelectMany(item => item.Materials.Select(material => (Item: item.Id, Material: material)))
            .GroupBy(entry => entry.Material.Id, StringComparer.Ordinal)
            .Select(group => new ChecklistMaterial(
                group.Key,
                group.First().Material.Name,
                group.Any(entry => entry.Material.Required),
                !group.Any(entry => entry.Material.Required && !entry.Material.Deferrable),
                [.. group.Select(entry => entry.Item).Distinct(StringComparer.Ordinal)]))
            .ToList();
        return new Checklist(list, materials);
    }

    /// <summary>Whether the material is on the list.</summary>
    public bool Contains(string materialId) => byId.ContainsKey(materialId);

    /// <summary>The material, if it is on the list.</summary>
    public ChecklistMaterial? Find(string materialId) => byId.GetValueOrDefault(materialId);

    /// <summary>The materials <paramref name="item"/> lists, in checklist order.</summary>
    public IReadOnlyList<ChecklistMaterial> ForItem(string item) => [.. Materials.Where(m => m.Items.Contains(item, StringComparer.Ordinal))];

    /// <summary>Every required material neither provided nor deferred, in checklist order: all of it is told at once (一次性告知).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> provided, IEnumerable<string> deferred)
    {
        var given = provided.Concat(deferred).ToHashSet(StringComparer.Ordinal);
        return [.. Materials.Where(m => m.Required && !given.Contains(m.Id)).Select(m => m.Id)];
    }

    /// <summary>The deferred materials some item requires without allowing 容缺, in checklist order.</summary>
    public IReadOnlyList<string> NotDeferrable(IEnumerable<string> deferred)
    {
        var asked = deferred.ToHashSet(StringComparer.Ordinal);
        return [.. Materials.Where(m => !m.MayDefer && asked.Contains(m.Id)).Select(m => m.Id)];
    }
}
