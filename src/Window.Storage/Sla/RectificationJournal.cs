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

    /// <summary>
    /// <see cref="LatestAppeal"/> as a join: the row <paramref name="alias"/>'s case joined to its latest appeal entry as
    /// <paramref name="appeal"/> (its kind NULL when there is none). For many rows: the planner reads the appeal entries
    /// once and hashes them instead of probing the journal per row (the dashboard's 差评 of a month: 5,899 probes, 51 ms at
    /// 10 M cases, against 2.4 ms).
    /// </summary>
    public static string LatestAppealJoin(string alias, string appeal) =>
        $"LEFT JOIN window_case_events {appeal} ON {appeal}.kind IN {Appeals} AND {appeal}.case_id = {alias}.case_id " +
        $"AND NOT EXISTS (SELECT 1 FROM window_case_events later WHERE later.kind IN {Appeals} AND later.case_id = {appeal}.case_id AND later.seq > {appeal}.seq)";

    private static readonly string Appeals = In(TimelineKind.RatingAppealed, TimelineKind.RatingUpheld, TimelineKind.RatingVoided);
}
