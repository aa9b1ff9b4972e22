namespace Window.Grains.Cases;

/// <summary>Who takes a new case: the officer with the fewest open cases, by name on a tie (so the choice is repeatable).</summary>
public static class OfficerChoice
{
    /// <summary>Chooses among <paramref name="candidates"/> by <paramref name="load"/>; throws when there is nobody.</summary>
    public static string Choose(IReadOnlyList<string> candidates, IReadOnlyDictionary<string, int> load)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(load);
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException("No case officer is configured to take new cases.");
        }

        return candidates.OrderBy(officer => load.GetValueOrDefault(officer)).ThenBy(officer => officer, StringComparer.Ordinal).First();
    }
}
