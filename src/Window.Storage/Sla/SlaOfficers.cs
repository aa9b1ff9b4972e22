using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>A case completed in a period as the officer table measures it.</summary>
/// <param name="Officer">The case officer (login).</param>
/// <param name="OpenedAt">When it was accepted.</param>
/// <param name="CompletedAt">When it was completed.</param>
/// <param name="PromisedBy">The promised completion day.</param>
/// <param name="Evaluation">The talent's rating 1..5, if given.</param>
/// <param name="Items">The case's service items.</param>
/// <param name="Departments">The departments its steps were routed to.</param>
public sealed record OfficerCompletion(
    string Officer, DateTimeOffset OpenedAt, DateTimeOffset CompletedAt, DateOnly PromisedBy, int? Evaluation,
    IReadOnlyList<string> Items, IReadOnlyList<string> Departments);

/// <summary>How many open cases an officer holds with the same items and departments.</summary>
public sealed record OfficerOpenCases(string Officer, IReadOnlyList<string> Items, IReadOnlyList<string> Departments, int Count);

/// <summary>
/// The officer table's rows: the cases completed in a period (one range of the completed-cases index) and the open cases
/// now grouped by officer and scope, so that filtering by department or item needs no join.
/// </summary>
public sealed class SlaOfficers(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>Cases completed in [<paramref name="from"/>, <paramref name="to"/>) with their officer.</summary>
    public async Task<IReadOnlyList<OfficerCompletion>> CompletedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT c.officer, c.opened_at, c.completed_at, c.promised_by, c.evaluation, c.items, c.departments " +
            $"FROM window_cases c WHERE {SlaRollups.CompletedWhere}",
            [("from", access.Instant(from)), ("to", access.Instant(to))]);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new OfficerCompletion(
            reader.GetString(0), dialect.ReadInstant(reader, 1), dialect.ReadInstant(reader, 2), dialect.ReadDay(reader, 3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4), scopes(reader.GetString(5)), scopes(reader.GetString(6))), cancellationToken);
    }

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
