using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.Sla;

/// <summary>
/// A 差评 (rating 1 or 2) of a case completed in a period, with where its rectification stands: <paramref name="Open"/>
/// (opened, not closed), <paramref name="Appealed"/> (an appeal waits for a supervisor), <paramref name="Closed"/>.
/// </summary>
public sealed record PoorRating(IReadOnlyList<string> Items, IReadOnlyList<string> Departments, bool Open, bool Appealed, bool Closed);

/// <summary>
/// The period's 差评 with their rectification states, read from the cases' journals exactly as the case list's
/// rectification filter reads them (so that each figure opens the cases it counts).
/// </summary>
public sealed class PoorRatings(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    /// <summary>The 差评 of the cases completed in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<PoorRating>> InPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var closed = RectificationJournal.Closed("c");
        var opened = RectificationJournal.Opened("c");
        var appeal = RectificationJournal.LatestAppealJoin("c", "appeal");
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT c.items, c.departments, CASE WHEN {opened} AND NOT {closed} THEN 1 ELSE 0 END,
                   CASE WHEN appeal.kind = {Sql(TimelineKind.RatingAppealed)} THEN 1 ELSE 0 END, CASE WHEN {closed} THEN 1 ELSE 0 END
            FROM window_cases c {appeal}
            WHERE c.completed_at IS NOT NULL AND c.evaluation <= 2 AND c.completed_at >= @from AND c.completed_at < @to
            """, [("from", access.Instant(from)), ("to", access.Instant(to))]);
        var scopes = CaseScopes.SplitOnce();
        return await ReadAllAsync(command, reader => new PoorRating(
            scopes(reader.GetString(0)), scopes(reader.GetString(1)), reader.GetInt32(2) == 1, reader.GetInt32(3) == 1, reader.GetInt32(4) == 1), cancellationToken);
    }
}
