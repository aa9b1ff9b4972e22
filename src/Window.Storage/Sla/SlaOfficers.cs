using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>How many open cases an officer holds with the same items and departments.</summary>
public sealed record OfficerOpenCases(string Officer, IReadOnlyList<string> Items, IReadOnlyList<string> Departments, int Count);

/// <summary>
/// The officer table's open cases now, counted by officer and scope, so that filtering by department or item needs no
/// join; its completions come from the day tallies (SlaDayTally.Officers).
/// </summary>
public sealed class SlaOfficers(WindowDatabase database)
{
    /// <summary>
    /// Open cases now, counted by officer, items and departments: the folded counts plus the deltas the triggers on
    /// window_cases appended since the last fold (migration 0028), in one statement, as <see cref="LitCounts.LitStepsAsync"/>
    /// reads the lit steps; a few thousand rows whatever the number of open cases.
    /// </summary>
    public async Task<IReadOnlyList<OfficerOpenCases>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT officer, items, departments, SUM(n) FROM (
                SELECT officer, items, departments, count AS n FROM window_sla_open_counts
                UNION ALL SELECT officer, items, departments, delta FROM window_sla_open_deltas) AS open_cases
            GROUP BY officer, items, departments HAVING SUM(n) <> 0
            """, []);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new OfficerOpenCases(reader.GetString(0), scopes(reader.GetString(1)), scopes(reader.GetString(2)),
            Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
    }
}
