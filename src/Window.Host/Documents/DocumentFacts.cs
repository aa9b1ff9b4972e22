namespace Window.Host.Documents;

/// <summary>
/// What a template may print: named values (<c>{case.number}</c>) and tables (rows of cells), in one language. Built by
/// <see cref="DocumentFactsBuilder"/> from the case at its act; a template naming anything else is refused when loaded.
/// </summary>
public sealed record DocumentFacts(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> Tables)
{
    /// <summary>Every value a template may name.</summary>
    public static readonly IReadOnlySet<string> ValueNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "office.name", "office.address", "office.phone",
        "document.number", "document.date",
        "case.number", "case.lookupCode", "case.acceptedOn", "case.promisedBy",
        "talent.name", "talent.idNumber",
        "officer.name", "clerk.name", "items.names",
        "act.date", "act.by", "act.reason", "act.step", "act.department", "act.detail",
        "supplement.due", "progress.url", "results.refused",
    };

    /// <summary>
    /// Every table a template may name: <c>items</c> (name, promised date), <c>materials.received</c> (name),
    /// <c>materials.deferred</c> (name, due date), <c>materials.requested</c> (name, asked by), <c>results</c> (item, result, reason).
    /// </summary>
    public static readonly IReadOnlySet<string> TableNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "items", "materials.received", "materials.deferred", "materials.requested", "results",
    };

    /// <summary>The value <paramref name="name"/>, or an empty text when the act has none (e.g. no reason given).</summary>
    public string Value(string name) => Values.TryGetValue(name, out var value) ? value : "";

    /// <summary>The table <paramref name="name"/>, empty when the act has none.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Table(string name) => Tables.TryGetValue(name, out var rows) ? rows : [];

    /// <summary>Whether the value or table <paramref name="name"/> has anything to print.</summary>
    public bool Has(string name) => Tables.TryGetValue(name, out var rows) ? rows.Count > 0 : !string.IsNullOrWhiteSpace(Value(name));

    /// <summary>These facts with <paramref name="name"/> set to <paramref name="value"/> (the number, once it is taken).</summary>
    public DocumentFacts With(string name, string value) =>
        this with { Values = new Dictionary<string, string>(Values, StringComparer.Ordinal) { [name] = value } };
}
