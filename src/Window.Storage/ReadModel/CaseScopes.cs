namespace Window.Storage.ReadModel;

/// <summary>
/// The copies of a case's item ids and step departments on its row (<c>window_cases.items</c>, <c>departments</c>):
/// distinct, in ordinal order, comma-separated (catalogue ids hold no comma). The SLA summary reads them with the
/// cases completed in a period instead of joining those cases to their items and steps.
/// </summary>
internal static class CaseScopes
{
    /// <summary>The stored form of the ids.</summary>
    public static string Join(IEnumerable<string> ids) => string.Join(',', ids.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>The ids of a stored value.</summary>
    public static IReadOnlyList<string> Split(string stored) => stored.Length == 0 ? [] : stored.Split(',');

    /// <summary>
    /// <see cref="Split"/> that splits each distinct stored list once, for a reader of many rows: hundreds of cases share a
    /// few dozen combinations of items and of departments, so they share one list per combination.
    /// </summary>
    public static Func<string, IReadOnlyList<string>> SplitOnce()
    {
        var split = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        return stored => split.TryGetValue(stored, out var ids) ? ids : split[stored] = Split(stored);
    }

    /// <summary>The departments of a case's steps, stored.</summary>
    public static string Departments(CaseProjection projection) => Join(projection.Steps.Select(step => step.Department));

    /// <summary>The items of a case, stored.</summary>
    public static string Items(CaseProjection projection) => Join(projection.Items.Select(item => item.ItemId));
}
