using Window.Host.Cases;

namespace Window.Host.Components.Ui;

/// <summary>The filters of a case list as its form holds them (blank means any), turned into the front door's query.</summary>
public sealed class CaseFilterValues
{
    /// <summary>A stored case status, or blank for all.</summary>
    public string Status { get; set; } = "";

    public string Item { get; set; } = "";

    public string Department { get; set; } = "";

    public string Light { get; set; } = "";

    public string Officer { get; set; } = "";

    /// <summary>A step light (the dashboard's matrix drill-down: cases with a step of the department and item lit so), or blank.</summary>
    public string StepLight { get; set; } = "";

    /// <summary>The first day of "opened between", in office time.</summary>
    public DateOnly? OpenedFrom { get; set; }

    /// <summary>The last day of "opened between", in office time.</summary>
    public DateOnly? OpenedTo { get; set; }

    /// <summary>The first day of "completed between", in office time (the dashboard's period figures).</summary>
    public DateOnly? CompletedFrom { get; set; }

    /// <summary>The last day of "completed between", in office time.</summary>
    public DateOnly? CompletedTo { get; set; }

    /// <summary><c>onTime</c>, <c>late</c> or blank (<see cref="Sla.PeriodFilters"/>).</summary>
    public string Timeliness { get; set; } = "";

    /// <summary><c>atMostOne</c>, <c>more</c> or blank.</summary>
    public string Trips { get; set; } = "";

    /// <summary><c>rated</c>, <c>poor</c>, a level 1..5 or blank.</summary>
    public string Rating { get; set; } = "";

    /// <summary>A rectification state (open, appealed, closed) or blank.</summary>
    public string Rectification { get; set; } = "";

    /// <summary>Whether a filter of the dashboard's period figures is set (the list then shows them).</summary>
    public bool HasPeriodFilters => CompletedFrom is not null || CompletedTo is not null || Timeliness is not "" || Trips is not "" || Rating is not "" || Rectification is not "";

    /// <summary><c>newest</c> or <c>due</c>.</summary>
    public string Sort { get; set; } = "newest";

    /// <summary>The list query for one page: <paramref name="officer"/> overrides the form's (an officer's own list).</summary>
    public CaseListQuery Query(string? officer, int? page, int pageSize, string? cursor) => new()
    {
        Status = Blank(Status),
        Item = Blank(Item),
        Department = Blank(Department),
        Light = Blank(Light),
        StepLight = Blank(StepLight),
        Officer = Blank(officer),
        OpenedFrom = Day(OpenedFrom),
        OpenedTo = Day(OpenedTo),
        Sort = Blank(Sort),
        CompletedFrom = Day(CompletedFrom),
        CompletedTo = Day(CompletedTo),
        Timeliness = Blank(Timeliness),
        Trips = Blank(Trips),
        Rating = Blank(Rating),
        Rectification = Blank(Rectification),
        Page = page,
        PageSize = pageSize,
        Cursor = cursor,
    };

    /// <summary>
    /// Takes the filters a link carries (the dashboard's drill-downs): each given value replaces the form's; <c>status=all</c>
    /// lists every status; a date that is not YYYY-MM-DD is ignored.
    /// </summary>
    public void FromQuery(string? status, string? item, string? department, string? light, string? stepLight, string? officer, string? openedFrom, string? openedTo)
    {
        StepLight = stepLight ?? StepLight;
        Status = status switch { null => Status, "all" => "", _ => status };
        Item = item ?? Item;
        Department = department ?? Department;
        Light = light ?? Light;
        Officer = officer ?? Officer;
        OpenedFrom = ParseDay(openedFrom) ?? OpenedFrom;
        OpenedTo = ParseDay(openedTo) ?? OpenedTo;
    }

    /// <summary>Takes the period figures' filters a dashboard link carries; each given value replaces the form's.</summary>
    public void FromPeriodQuery(string? completedFrom, string? completedTo, string? timeliness, string? trips, string? rating, string? rectification)
    {
        CompletedFrom = ParseDay(completedFrom) ?? CompletedFrom;
        CompletedTo = ParseDay(completedTo) ?? CompletedTo;
        Timeliness = timeliness ?? Timeliness;
        Trips = trips ?? Trips;
        Rating = rating ?? Rating;
        Rectification = rectification ?? Rectification;
    }

    /// <summary>The filters as GET /api/cases takes them (blank ones left out), for the list's Excel export.</summary>
    public string QueryString(string? officer)
    {
        var query = Query(officer ?? Officer, null, 0, null);
        IEnumerable<(string, string?)> pairs =
        [
            ("status", query.Status), ("item", query.Item), ("department", query.Department), ("light", query.Light), ("stepLight", query.StepLight), ("officer", query.Officer),
            ("openedFrom", query.OpenedFrom), ("openedTo", query.OpenedTo), ("sort", query.Sort),
            ("completedFrom", query.CompletedFrom), ("completedTo", query.CompletedTo), ("timeliness", query.Timeliness), ("trips", query.Trips),
            ("rating", query.Rating), ("rectification", query.Rectification),
        ];
        return string.Join('&', pairs.Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
    }

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    private static string? Day(DateOnly? day) => day is { } d ? Api.DateQuery.Format(d) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
