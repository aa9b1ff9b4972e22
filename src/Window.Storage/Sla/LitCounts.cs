using System.Globalization;
using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>
/// What is lit now: steps by department, item and light (counts folded from the deltas the triggers on window_steps append),
/// and red open cases by their items.
/// </summary>
public sealed class LitCounts(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    /// <summary>The counts the fold keeps, their deltas and their key: the lit steps, and the open cases by officer (SlaOfficers).</summary>
    private static readonly (string Counts, string Deltas, string Keys)[] Folded =
    [
        ("window_sla_lit_counts", "window_sla_lit_deltas", "department, item_id, light"),
        ("window_sla_open_counts", "window_sla_open_deltas", "officer, items, departments"),
    ];

    /// <summary>
    /// Steps lit now, counted by department, item and light (cases not withdrawn): the folded counts plus the deltas the
    /// triggers on window_steps appended since the last fold, in one statement (one snapshot, so a fold in between
    /// cannot count a delta twice or not at all).
    /// </summary>
    public async Task<IReadOnlyList<LitSteps>> LitStepsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT department, item_id, light, SUM(n) FROM (
                SELECT department, item_id, light, count AS n FROM window_sla_lit_counts
                UNION ALL SELECT department, item_id, light, delta FROM window_sla_lit_deltas) AS lit
            GROUP BY department, item_id, light HAVING SUM(n) <> 0
            """, []);
        return await ReadAllAsync(command, reader => new LitSteps(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>
    /// Moves the lit-step deltas and the open-case deltas (SlaOfficers) into their counts; returns how many deltas it
    /// moved. PostgreSQL moves exactly the deltas its statement sees (a delta committed meanwhile waits for the next fold;
    /// two folds at once skip each other's rows); SQLite's write lock keeps every writer out for the statements.
    /// </summary>
    public async Task<int> FoldLitStepsAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return await access.ScalarIntAsync("""
                WITH moved AS (DELETE FROM window_sla_lit_deltas RETURNING department, item_id, light, delta),
                     folded AS (
                         INSERT INTO window_sla_lit_counts (department, item_id, light, count)
                         SELECT department, item_id, light, SUM(delta) FROM moved GROUP BY department, item_id, light
                         ON CONFLICT (department, item_id, light) DO UPDATE SET count = window_sla_lit_counts.count + excluded.count),
                     moved_open AS (DELETE FROM window_sla_open_deltas RETURNING officer, items, departments, delta),
                     folded_open AS (
                         INSERT INTO window_sla_open_counts (officer, items, departments, count)
                         SELECT officer, items, departments, SUM(delta) FROM moved_open GROUP BY officer, items, departments
                         ON CONFLICT (officer, items, departments) DO UPDATE SET count = window_sla_open_counts.count + excluded.count)
                SELECT (SELECT COUNT(*) FROM moved) + (SELECT COUNT(*) FROM moved_open)
                """, cancellationToken);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = 0;
        foreach (var (counts, deltas, keys) in Folded)
        {
            await using (var fold = Command(connection, transaction, $"""
                INSERT INTO {counts} ({keys}, count)
                SELECT {keys}, SUM(delta) FROM {deltas} WHERE true GROUP BY {keys}
                ON CONFLICT ({keys}) DO UPDATE SET count = {counts}.count + excluded.count
                """, []))
            {
                await fold.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var clear = Command(connection, transaction, $"DELETE FROM {deltas}", []);
            moved += await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    /// <summary>Open cases red now, counted by their items (the case's list of item ids, ordinal order), index-only.</summary>
    public async Task<IReadOnlyList<RedCases>> RedCasesNowAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT items, COUNT(*) FROM window_cases WHERE light = {Sql(LightKind.Red)} AND status = {Sql(CaseStatusKind.Open)} GROUP BY items", []);
        return await ReadAllAsync(command, reader => new RedCases(CaseScopes.Split(reader.GetString(0)),
            Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
    }
}
