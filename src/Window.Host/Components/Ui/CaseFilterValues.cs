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

    /// <summary>The first day of "opened between", in office time.</summary>
    public DateOnly? OpenedFrom { get; set; }

    /// <summary>The last day of "opened between", in office time.</summary>
    public DateOnly? OpenedTo { get; set; }

    /// <summary><c>newest</c> or <c>due</c>.</summary>
    public string Sort { get; set; } = "newest";

    /// <summary>The list query for one page: <paramref name="officer"/> overrides the form's (an officer's own list).</summary>
    public CaseListQuery Query(string? officer, int? page, int pageSize, string? cursor) => new()
    {
        Status = Blank(Status),
        Item = Blank(Item),
        Department = Blank(Department),
        Light = Blank(Light),
        Officer = Blank(officer),
        OpenedFrom = Day(OpenedFrom),
        OpenedTo = Day(OpenedTo),
        Sort = Blank(Sort),
        Page = page,
        PageSize = pageSize,
        Cursor = cursor,
    };

    private static string? Day(DateOnly? day) => day is { } d ? Api.DateQuery.Format(d) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
