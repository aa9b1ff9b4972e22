using Window.Host.Api;
using Window.Storage.ReadModel;

namespace Window.Host.Components.Ui;

/// <summary>
/// Where a paged list of a page stands (the desk's and officer's lists, a queue, search results): the page shown, the
/// total, and how to ask for another page. A page reached once keeps the cursor it was reached with, so going on is
/// always keyset paging (as fast at any depth); a page not reached yet is asked for by its number while that stays within
/// the counted first <see cref="CaseSearch.MaxCounted"/> lines (<see cref="Cases.Paging"/>).
/// </summary>
public sealed class PageNavigator(int pageSize = 20)
{
    /// <summary>The page sizes a person may choose.</summary>
    public static readonly int[] Sizes = [20, 50, 100, 200];

    private readonly Dictionary<int, string> cursors = [];

    /// <summary>The page shown (1-based).</summary>
    public int Page { get; private set; } = 1;

    /// <summary>Lines per page.</summary>
    public int PageSize { get; private set; } = pageSize;

    /// <summary>How many lines matched (at least, when <see cref="TotalIsLowerBound"/>).</summary>
    public long Total { get; private set; }

    /// <summary>More than <see cref="Total"/> matched: the count stopped there.</summary>
    public bool TotalIsLowerBound { get; private set; }

    /// <summary>Whether a page follows the one shown.</summary>
    public bool HasNext { get; private set; }

    /// <summary>The last page's number, when the total is known exactly.</summary>
    public int? LastPage => TotalIsLowerBound ? null : (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>What to send for page <paramref name="page"/>: its cursor once known, else its number; <see langword="null"/> when it cannot be reached directly.</summary>
    public (int? Page, string? Cursor)? RequestFor(int page)
    {
        if (page <= 1)
        {
            return (null, null);
        }

        if (cursors.TryGetValue(page, out var cursor))
        {
            return (null, cursor);
        }

        return (long)(page - 1) * PageSize <= CaseSearch.MaxCounted ? (page, null) : null;
    }

    /// <summary>Whether page <paramref name="page"/> exists and can be reached from here.</summary>
    public bool CanGo(int page)
    {
        if (page < 1 || page == Page || (page == Page + 1 && !HasNext) || (page > Page + 1 && (LastPage is not { } last || page > last)))
        {
            return false;
        }

        return RequestFor(page) is not null;
    }

    /// <summary>Takes in the page the list answered with.</summary>
    public void Arrived<T>(PageDto<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page.Page;
        Total = page.Total;
        TotalIsLowerBound = page.TotalIsLowerBound;
        HasNext = page.NextCursor is not null;
        if (page.NextCursor is { } next)
        {
            cursors[page.Page + 1] = next;
        }
    }

    /// <summary>Back to the first page, forgetting the cursors (the filters or the page size changed).</summary>
    public void Reset(int? pageSize = null)
    {
        cursors.Clear();
        Page = 1;
        HasNext = false;
        PageSize = pageSize ?? PageSize;
    }
}
