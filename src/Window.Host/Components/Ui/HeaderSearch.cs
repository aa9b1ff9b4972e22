namespace Window.Host.Components.Ui;

/// <summary>
/// The staff header's search query, held by the browser tab's circuit (a scoped service): the header sets it and goes to
/// the results page, which reads it from here. A name, ID number or phone so never enters an address, the browser's
/// history or a server log; reloading the results page forgets it.
/// </summary>
public sealed class HeaderSearch
{
    /// <summary>The query last searched in this tab, or <see langword="null"/>.</summary>
    public string? Query { get; private set; }

    /// <summary>Raised when a new search is made (the results page, if open, reads it again).</summary>
    public event Action? Searched;

    /// <summary>Searches <paramref name="query"/>.</summary>
    public void Search(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query = query;
        Searched?.Invoke();
    }
}
