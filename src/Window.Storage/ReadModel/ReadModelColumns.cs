namespace Window.Storage.ReadModel;

/// <summary>The read model's column lists, in the order <see cref="RowReader"/> reads them.</summary>
internal static class ReadModelColumns
{
    public const string CaseColumns =
        "case_id, number, talent_id, bundle_id, status, officer, opened_at, promised_by, warn_at, due_at, light, " +
        "completed_at, delivered_at, trips, evaluation, version, promised_provisional, dates_provisional";

    public const string ItemColumns = "case_id, item_id, item_version, status, decided_at";

    public const string StepColumns =
        "case_id, item_id, step_id, department, status, ready_at, warn_at, due_at, light, claimed_by, completed_at, outcome, due_provisional";

    public const string MaterialColumns = "case_id, material_id, status, due";

    public const string EventColumns = "case_id, seq, at, actor, role, department, kind, item_id, step_id, detail, trace_id, span_id";

    public const string SpanColumns = "case_id, n, span_id, name, started_at, duration, first_seq, department, step_id";

    /// <summary>The columns of <paramref name="columns"/>, each prefixed with a table alias.</summary>
    public static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));
}
