using Window.Host.Cases;
using Window.Storage.ReadModel;

namespace Window.Host.Sla;

/// <summary>
/// The case list's filters that open a dashboard figure of the period (issue 23): on time or late, trips, ratings and the
/// rectification of a 差评. Their words, checked once for the API and the list page; blank means any.
/// </summary>
public static class PeriodFilters
{
    /// <summary>Completed by the end of the promised day.</summary>
    public const string OnTimeWord = "onTime";

    /// <summary>Completed after the promised day.</summary>
    public const string LateWord = "late";

    /// <summary>The talent came at most once.</summary>
    public const string AtMostOneWord = "atMostOne";

    /// <summary>The talent came more than once.</summary>
    public const string MoreWord = "more";

    /// <summary>Rated at any level.</summary>
    public const string RatedWord = "rated";

    /// <summary>差评: 不满意 or 非常不满意.</summary>
    public const string PoorWord = "poor";

    /// <summary>The rectification states a list may ask for, as the rectifications list names them.</summary>
    public static IReadOnlyList<string> RectificationStates { get; } =
        [Contracts.RectificationStates.Open, CaseSearch.Appealed, Contracts.RectificationStates.Closed];

    /// <summary>A refusal naming the first filter with a word it does not know, or null.</summary>
    public static QueryRefusal? Check(CaseListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Timeliness is { } timeliness && timeliness is not (OnTimeWord or LateWord))
        {
            return QueryRefusal.Invalid("timeliness", "timeliness must be onTime or late.");
        }

        if (query.Trips is { } trips && trips is not (AtMostOneWord or MoreWord))
        {
            return QueryRefusal.Invalid("trips", "trips must be atMostOne or more.");
        }

        if (query.Rating is { } rating && rating is not (RatedWord or PoorWord) && Level(rating) is null)
        {
            return QueryRefusal.Invalid("rating", "rating must be rated, poor or a level 1 to 5.");
        }

        if (query.Rectification is { } rectification && !RectificationStates.Contains(rectification))
        {
            return QueryRefusal.Invalid("rectification", "rectification must be open, appealed or closed.");
        }

        return null;
    }

    /// <summary>The read model's on-time condition of a checked word.</summary>
    public static bool? OnTime(string? timeliness) => timeliness switch
    {
        OnTimeWord => true,
        LateWord => false,
        _ => null,
    };

    /// <summary>The read model's trips condition of a checked word.</summary>
    public static bool? AtMostOneTrip(string? trips) => trips switch
    {
        AtMostOneWord => true,
        MoreWord => false,
        _ => null,
    };

    /// <summary>The highest level of a checked rating word (rated: any; poor: 差评), or null.</summary>
    public static int? RatedAtMost(string? rating) => rating switch
    {
        RatedWord => 5,
        PoorWord => SlaFigures.PoorRating,
        _ => null,
    };

    /// <summary>The one level of a checked rating word, or null.</summary>
    public static int? Rated(string? rating) => rating is null ? null : Level(rating);

    private static int? Level(string rating) => rating is ['1' or '2' or '3' or '4' or '5'] ? rating[0] - '0' : null;
}
