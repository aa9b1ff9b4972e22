using static Window.Storage.ReadModel.ReadModelColumns;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>
/// A case's journal as the read model holds it (<c>window_case_events</c>, keyed by case and sequence number): where the
/// journal lives once it has left the case's state, which keeps only its tail; and its command spans (<c>window_case_spans</c>,
/// keyed by case and the command's number), likewise.
/// </summary>
/// <param name="database">Where the read model lives.</param>
public sealed class CaseJournal(WindowDatabase database)
{
    private const string Select = $"SELECT {EventColumns} FROM window_case_events WHERE case_id = @case_id AND seq < @before ORDER BY seq";

    private const string SelectSpans = $"SELECT {SpanColumns} FROM window_case_spans WHERE case_id = @case_id AND n < @before ORDER BY n";

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

    /// <summary>The case's entries numbered below <paramref name="beforeSeq"/>, in order (a range of the primary key).</summary>
    public async Task<IReadOnlyList<EventRow>> EventsAsync(string caseId, int beforeSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, Select, [("case_id", Text(caseId)), ("before", Int(beforeSeq))]);
        return await ReadAllAsync(command, rows.ReadEvent, cancellationToken);
    }

    /// <summary>The case's command spans numbered below <paramref name="beforeNumber"/>, in order (a range of the primary key).</summary>
    public async Task<IReadOnlyList<SpanRow>> SpansAsync(string caseId, int beforeNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, SelectSpans, [("case_id", Text(caseId)), ("before", Int(beforeNumber))]);
        return await ReadAllAsync(command, rows.ReadSpan, cancellationToken);
    }
}
