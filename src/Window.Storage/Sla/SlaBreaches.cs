using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>Yellow and red steps and open cases now, for the supervisors' breach list.</summary>
public sealed class SlaBreaches(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    // Steps and whole cases in one ordered list: most overdue first, a case before its steps, then item and step. A case's
    // row is the only one of its kind with its due instant and number, so its item (the bundle, or its first item) only
    // breaks ties it never has: it is looked up, with every line's officer, for the lines of the page alone.
    private static readonly string Order = "CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, number, kind, item_id, step_id";

    // The first @window lines of each kind in the list's order: the page (@offset + @limit lines at most) is among them.
    private static readonly string Rows = $"""
        SELECT * FROM (
            SELECT s.case_id, s.case_number AS number, s.item_id, s.step_id, s.department, s.due_at, s.light, 1 AS kind
            FROM window_steps s
            WHERE s.light IN {In(LightKind.Yellow, LightKind.Red)} AND s.case_status <> {Sql(CaseStatusKind.Withdrawn)}
            ORDER BY CASE WHEN s.due_at IS NULL THEN 1 ELSE 0 END, s.due_at, s.case_number, s.item_id, s.step_id LIMIT @window) AS steps
        UNION ALL
        SELECT * FROM (
            SELECT c.case_id, c.number, NULL AS item_id, NULL AS step_id, NULL AS department, c.due_at, c.light, 0 AS kind
            FROM window_cases c WHERE c.light IN {In(LightKind.Yellow, LightKind.Red)} AND c.status = {Sql(CaseStatusKind.Open)}
            ORDER BY CASE WHEN c.due_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.number LIMIT @window) AS cases
        """;

    // How many lines the list holds: the yellow and red steps of cases not withdrawn as the lit-step counts hold them (a
    // step's case row is written with it), and the yellow and red open cases from their partial index.
    private static readonly string Count = $"""
        SELECT (SELECT COALESCE(SUM(n), 0) FROM (
                    SELECT count AS n FROM window_sla_lit_counts WHERE light IN {In(LightKind.Yellow, LightKind.Red)}
                    UNION ALL SELECT delta FROM window_sla_lit_deltas WHERE light IN {In(LightKind.Yellow, LightKind.Red)}) AS lit)
             + (SELECT COUNT(*) FROM window_cases c WHERE c.light IN {In(LightKind.Yellow, LightKind.Red)} AND c.status = {Sql(CaseStatusKind.Open)})
        """;

    /// <summary>
    /// One page of the yellow and red steps and open cases now, most overdue first, with how many there are in all: the
    /// supervisors' list never stops silently.
    /// </summary>
    public async Task<(IReadOnlyList<Breach> Items, long Total)> PageAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction, Count, []);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var rows = Command(connection, transaction, $"""
            SELECT b.case_id, b.number,
                   CASE WHEN b.kind = 0 THEN COALESCE(c.bundle_id, (SELECT MIN(i.item_id) FROM window_case_items i WHERE i.case_id = b.case_id)) ELSE b.item_id END,
                   b.step_id, b.department, c.officer, b.due_at, b.light
            FROM (SELECT * FROM ({Rows}) AS u ORDER BY {Order} LIMIT @limit OFFSET @offset) AS b
            JOIN window_cases c ON c.case_id = b.case_id
            ORDER BY CASE WHEN b.due_at IS NULL THEN 1 ELSE 0 END, b.due_at, b.number, b.kind, b.item_id, b.step_id
            """, [("limit", Int(limit)), ("offset", Long(offset)), ("window", Long((long)offset + limit))]);
        var items = await ReadAllAsync(rows, reader => new Breach(reader.GetString(0), reader.GetString(1), NullableText(reader, 2), NullableText(reader, 3),
            NullableText(reader, 4), reader.GetString(5), access.NullableInstant(reader, 6), reader.GetString(7)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>The red steps a department holds now (ready or claimed; not returned, waiting or decided), most overdue first.</summary>
    public async Task<IReadOnlyList<Breach>> RedOpenStepsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var rows = Command(connection, null, $"""
            SELECT s.case_id, s.case_number, s.item_id, s.step_id, s.department, c.officer, s.due_at, s.light
            FROM window_steps s JOIN window_cases c ON c.case_id = s.case_id
            WHERE s.light = {Sql(LightKind.Red)} AND s.status IN {In(StepStatusKind.Ready, StepStatusKind.Claimed)} AND s.case_status = {Sql(CaseStatusKind.Open)}
            ORDER BY s.due_at, s.case_number, s.item_id, s.step_id
            """, []);
        return await ReadAllAsync(rows, reader => new Breach(reader.GetString(0), reader.GetString(1), NullableText(reader, 2), NullableText(reader, 3),
            NullableText(reader, 4), reader.GetString(5), access.NullableInstant(reader, 6), reader.GetString(7)), cancellationToken);
    }
}
