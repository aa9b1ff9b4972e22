namespace Window.Contracts;

/// <summary>
/// An explicit two-way table between a vocabulary's members and the strings stored for them (read-model columns, journal
/// entries, SQL triggers and partial indexes). The strings are written out, never derived from member names, so renaming a
/// member cannot change stored data; the table is checked when it is built, so a member without a string (or two members
/// with one string) fails at start and in the vocabulary tests, not in a query.
/// </summary>
/// <typeparam name="T">The vocabulary.</typeparam>
public sealed class StoredNames<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> stored = [];
    private readonly Dictionary<string, T> members = new(StringComparer.Ordinal);

    /// <summary>Builds the table; every member of <typeparamref name="T"/> once, every string once.</summary>
    public StoredNames(params (T Member, string Stored)[] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var (member, name) in table)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            if (!stored.TryAdd(member, name) || !members.TryAdd(name, member))
            {
                throw new ArgumentException($"{typeof(T).Name}: {member} or \"{name}\" is in the table twice.", nameof(table));
            }
        }

        var missing = Enum.GetValues<T>().Where(m => !stored.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{typeof(T).Name}: no stored string for {string.Join(", ", missing)}.", nameof(table));
        }

        Members = [.. table.Select(row => row.Member)];
    }

    /// <summary>Every member, in the table's order.</summary>
    public IReadOnlyList<T> Members { get; }

    /// <summary>Every stored string, in the table's order.</summary>
    public IReadOnlyList<string> Strings => [.. Members.Select(Of)];

    /// <summary>The string stored for <paramref name="member"/>.</summary>
    public string Of(T member) =>
        stored.TryGetValue(member, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(member), member, $"Not a {typeof(T).Name}.");

    /// <summary>The member stored as <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public T Parse(string name) =>
        TryParse(name, out var member) ? member : throw new FormatException($"\"{name}\" is not a stored {typeof(T).Name}.");

    /// <summary>The member stored as <paramref name="name"/>, if any.</summary>
    public bool TryParse(string? name, out T member)
    {
        member = default;
        return name is not null && members.TryGetValue(name, out member);
    }
}
