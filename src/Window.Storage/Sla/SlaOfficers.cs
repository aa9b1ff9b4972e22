using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>How many open cases an officer holds with the same items and departments.</summary>
public sealed record OfficerOpenCases(string Officer, IReadOnlyList<string> Items, IReadOnlyList<string> Departments, int Count);

/// <summary>
/// The officer table's open cases now, grouped by officer and scope (one index-only scan of window_cases_open_scopes), so
/// that filtering by department or item needs no join; its completions come from the day tallies (SlaDayTally.Officers).
/// </summary>
public sealed class SlaOfficers(WindowDatabase database)
{
    /// <summary>Open cases now, counted by officer, items and departments.</summary>
    public async Task<IReadOnlyList<OfficerOpenCases>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT officer, items, departments, COUNT(*) FROM window_cases WHERE status = {Sql(CaseStatusKind.Open)} GROUP BY officer, items, departments", []);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new OfficerOpenCases(reader.GetString(0), scopes(reader.GetString(1)), scopes(reader.GetString(2)),
            Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
    }
}
