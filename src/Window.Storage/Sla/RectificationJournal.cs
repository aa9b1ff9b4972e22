using Window.Contracts;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>
/// Where a rectification (整改) stands, read from its case's journal in the read model (the partial index
/// window_case_events_rectification): one set of conditions for the rectifications list, the watcher, the case list's
/// rectification filter and the dashboard's 差评 figures, so that they cannot disagree.
/// </summary>
internal static class RectificationJournal
{
    /// <summary>The case of the row <paramref name="alias"/> has a rectification opened.</summary>
    public static string Opened(string alias) =>
        $"EXISTS (SELECT 1 FROM window_case_events e WHERE e.kind = {Sql(TimelineKind.RectificationOpened)} AND e.case_id = {alias}.case_id)";

    /// <summary>The rectification of the row <paramref name="alias"/>'s case ended: closed, or its rating voided.</summary>
    public static string Closed(string alias) =>
        $"EXISTS (SELECT 1 FROM window_case_events e WHERE e.kind IN {In(TimelineKind.RectificationClosed, TimelineKind.RatingVoided)} AND e.case_id = {alias}.case_id)";

    /// <summary>The latest appeal entry's kind (appealed, upheld, voided) of the row <paramref name="alias"/>'s case, or NULL.</summary>
    public static string LatestAppeal(string alias) =>
        $"(SELECT e.kind FROM window_case_events e WHERE e.kind IN {In(TimelineKind.RatingAppealed, TimelineKind.RatingUpheld, TimelineKind.RatingVoided)} " +
        $"AND e.case_id = {alias}.case_id ORDER BY e.seq DESC LIMIT 1)";
}
