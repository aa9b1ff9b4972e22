using System.Data;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>Yellow and red steps and open cases now, for the supervisors' breach list.</summary>
public sealed class SlaBreaches(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    /// <summary>Yellow and red steps and open cases now, most overdue first (at most <paramref name="limit"/> of each).</summary>
    public async Task<IReadOnlyList<Breach>> BreachesAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var steps = Command(connection, null, $"""
            SELECT s.case_id, s.case_number, s.item_id, s.step_id, s.department, c.officer, s.due_at, s.light
            FROM window_steps s JOIN window_cases c ON c.case_id = s.case_id
            WHERE s.light IN {In(LightKind.Green, LightKind.Yellow, LightKind.Red)} AND s.case_status <> {Sql(CaseStatusKind.Withdrawn)} AND s.light IN {In(LightKind.Yellow, LightKind.Red)}
            ORDER BY s.due_at, s.case_number, s.item_id, s.step_id LIMIT @limit
            """, [("limit", Int(limit))]);
        var found = (await ReadAllAsync(steps, reader => new Breach(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), access.NullableInstant(reader, 6), reader.GetString(7)), cancellationToken)).ToList();
        await using var cases = Command(connection, null, $"""
            SELECT c.case_id, c.number, COALESCE(c.bundle_id, (SELECT MIN(i.item_id) FROM window_case_items i WHERE i.case_id = c.case_id)),
                   c.officer, c.due_at, c.light
            FROM window_cases c WHERE c.light IN {In(LightKind.Yellow, LightKind.Red)} AND c.status = {Sql(CaseStatusKind.Open)}
            ORDER BY c.due_at, c.number LIMIT @limit
            """, [("limit", Int(limit))]);
        found.AddRange(await ReadAllAsync(cases, reader => new Breach(reader.GetString(0), reader.GetString(1), NullableText(reader, 2), null, null,
            reader.GetString(3), access.NullableInstant(reader, 4), reader.GetString(5)), cancellationToken));
        return [.. found.OrderBy(b => b.DueAt ?? DateTimeOffset.MaxValue).ThenBy(b => b.CaseNumber, StringComparer.Ordinal)
            .ThenBy(b => b.StepId is null ? 0 : 1).ThenBy(b => b.ItemId, StringComparer.Ordinal).ThenBy(b => b.StepId, StringComparer.Ordinal)];
    }
}
