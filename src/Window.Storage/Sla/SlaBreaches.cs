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

    // Steps and whole cases in one ordered list: most overdue first, a case before its steps, then item and step.
    private static readonly string Rows = $"""
        SELECT s.case_id, s.case_number AS number, s.item_id, s.step_id, s.department, c.officer, s.due_at, s.light, 1 AS kind
        FROM window_steps s JOIN window_cases c ON c.case_id = s.case_id
        WHERE s.light IN {In(LightKind.Yellow, LightKind.Red)} AND s.case_status <> {Sql(CaseStatusKind.Withdrawn)}
        UNION ALL
        SELECT c.case_id, c.number, COALESCE(c.bundle_id, (SELECT MIN(i.item_id) FROM window_case_items i WHERE i.case_id = c.case_id)),
               NULL, NULL, c.officer, c.due_at, c.light, 0
        FROM window_cases c WHERE c.light IN {In(LightKind.Yellow, LightKind.Red)} AND c.status = {Sql(CaseStatusKind.Open)}
        """;

    /// <summary>
    /// One page of the yellow and red steps and open cases now, most overdue first, with how many there are in all: the
    /// supervisors' list never stops silently.
    /// </summary>
    public async Task<(IReadOnlyList<Breach> Items, long Total)> PageAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction, $"SELECT COUNT(*) FROM ({Rows}) b", []);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await using var rows = Command(connection, transaction, $"""
            SELECT case_id, number, item_id, step_id, department, officer, due_at, light FROM ({Rows}) b
            ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, number, kind, item_id, step_id
            LIMIT @limit OFFSET @offset
            """, [("limit", Int(limit)), ("offset", Long(offset))]);
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
