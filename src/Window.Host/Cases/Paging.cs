using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>
/// The one rule of pages for every list and queue of the API and the pages: <c>pageSize</c> 1 to 200, <c>page</c> from 1,
/// and either a page number (an offset, within the counted first <see cref="CaseSearch.MaxCounted"/> lines) or the
/// <c>cursor</c> a page answered with (keyset paging, as fast on the thousandth page as on the first), not both.
/// </summary>
public static class Paging
{
    /// <summary>Lines per page when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = CaseSearch.MaxPageSize;

    /// <summary>The refusal of a cursor that no list of this kind answered with.</summary>
    public static QueryRefusal BadCursor { get; } =
        QueryRefusal.Invalid("cursor", "cursor is not one this list answered with (in this sort order): start again without it.");

    /// <summary>The refusal of the paging parameters, naming the field; <see langword="null"/> when they are acceptable.</summary>
    public static QueryRefusal? Check(int? page, int? pageSize, string? cursor)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            return QueryRefusal.Invalid("pageSize", $"pageSize is 1 to {MaxPageSize}.");
        }

        if (page is < 1)
        {
            return QueryRefusal.Invalid("page", "page starts at 1.");
        }

        if (page is not null && cursor is not null)
        {
            return QueryRefusal.Invalid("cursor", "Send either page or cursor: a cursor already says which page it leads to.");
        }

        if ((long)((page ?? 1) - 1) * (pageSize ?? DefaultPageSize) > CaseSearch.MaxCounted)
        {
            return QueryRefusal.Invalid("page",
                $"Pages by number reach the first {CaseSearch.MaxCounted:N0} lines; go further with the cursor of the page before.");
        }

        return cursor is { Length: 0 } ? BadCursor : null;
    }
}
