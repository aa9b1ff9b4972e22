using Window.Contracts;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>An act asked for on an open case and not decided yet: the request's journal entry.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its number.</param>
/// <param name="At">When it was asked for.</param>
/// <param name="Actor">Who asked (the case's officer).</param>
/// <param name="Act">extension, suspension or termination (<see cref="CaseActKinds"/>).</param>
/// <param name="Detail">The entry's detail: <c>days|reason</c> for an extension, the reason otherwise.</param>
public sealed record PendingActRow(string CaseId, string Number, string Act, DateTimeOffset At, string Actor, string? Detail);

/// <summary>The acts of a period: cases that breached their statutory limit (each once), approved extensions, suspensions, terminations.</summary>
public sealed record ActTally(int StatutoryBreaches, int Extensions, int Suspensions, int Terminations);

/// <summary>
/// The administrative acts as the read model answers them, from the journal (<c>window_case_events</c>) through the act
/// migration's partial index: the requests waiting for a supervisor, and the statutory breaches the dashboard counts.
/// </summary>
public sealed class PendingActs(WindowDatabase database)
{
    private const int MaxRows = 200;

    // The WHERE on kind repeats the partial index window_case_events_act_requests verbatim (SQLite needs that to use it).
    private static readonly string Requests = In(TimelineKind.ExtensionRequested, TimelineKind.SuspensionRequested, TimelineKind.TerminationRequested);

    private static readonly string ActKinds = In(
        TimelineKind.ExtensionRequested, TimelineKind.SuspensionRequested, TimelineKind.TerminationRequested,
        TimelineKind.ExtensionApproved, TimelineKind.ExtensionRefused, TimelineKind.Suspended, TimelineKind.Terminated,
        TimelineKind.ActRefused, TimelineKind.StatutoryBreached);

    private static readonly string PendingSql = $"""
        SELECT e.case_id, c.number, e.kind, e.at, e.actor, e.detail
        FROM window_case_events e JOIN window_cases c ON c.case_id = e.case_id
        WHERE e.kind IN {ActKinds} AND e.kind IN {Requests} AND c.status = {Sql(CaseStatusKind.Open)}
          AND NOT EXISTS (
            SELECT 1 FROM window_case_events d
            WHERE d.case_id = e.case_id AND d.kind IN {ActKinds} AND d.seq > e.seq AND (
                (e.kind = {Sql(TimelineKind.ExtensionRequested)} AND d.kind IN {In(TimelineKind.ExtensionApproved, TimelineKind.ExtensionRefused)})
                OR (e.kind <> {Sql(TimelineKind.ExtensionRequested)} AND d.kind IN {In(TimelineKind.Suspended, TimelineKind.Terminated, TimelineKind.ActRefused)})))
        ORDER BY e.at, e.case_id
        LIMIT {MaxRows}
        """;

    // The acts a summary counts, in [from, to), within an item (a case holding it) and a department (a case with a step there).
    private static readonly string TallySql = $"""
        SELECT e.kind, COUNT(*), COUNT(DISTINCT e.case_id)
        FROM window_case_events e
        WHERE e.kind IN {ActKinds} AND e.kind IN {In(TimelineKind.StatutoryBreached, TimelineKind.ExtensionApproved, TimelineKind.Suspended, TimelineKind.Terminated)}
          AND e.at >= @from AND e.at < @to
          AND (@item IS NULL OR EXISTS (SELECT 1 FROM window_case_items i WHERE i.case_id = e.case_id AND i.item_id = @item))
          AND (@department IS NULL OR EXISTS (SELECT 1 FROM window_steps s WHERE s.case_id = e.case_id AND s.department = @department))
        GROUP BY e.kind
        """;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>The acts waiting for a supervisor on open cases, oldest request first (at most 200).</summary>
    public async Task<IReadOnlyList<PendingActRow>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PendingSql, []);
        return await ReadAllAsync(command, reader => new PendingActRow(
            reader.GetString(0),
            reader.GetString(1),
            ActOf(reader.GetString(2)),
            dialect.ReadInstant(reader, 3),
            reader.GetString(4),
            NullableText(reader, 5)), cancellationToken);
    }

    /// <summary>The acts of [<paramref name="from"/>, <paramref name="to"/>) within the optional item and department: the SLA summary's counts.</summary>
    public async Task<ActTally> TallyAsync(DateTimeOffset from, DateTimeOffset to, string? department, string? item, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, TallySql,
            [("from", new SqlValue(dialect.Instant(from), dialect.InstantType)), ("to", new SqlValue(dialect.Instant(to), dialect.InstantType)),
             ("item", Text(item)), ("department", Text(department))]);
        var counts = await ReadAllAsync(command, reader => (Kind: TimelineKinds.Parse(reader.GetString(0)), All: reader.GetInt64(1), Cases: reader.GetInt64(2)), cancellationToken);
        int Of(TimelineKind kind, bool cases = false) => (int)counts.Where(c => c.Kind == kind).Sum(c => cases ? c.Cases : c.All);
        return new ActTally(Of(TimelineKind.StatutoryBreached, cases: true), Of(TimelineKind.ExtensionApproved), Of(TimelineKind.Suspended), Of(TimelineKind.Terminated, cases: true));
    }

    private static string ActOf(string kind) => TimelineKinds.Parse(kind) switch
    {
        TimelineKind.ExtensionRequested => CaseActKind.Extension.Stored,
        TimelineKind.SuspensionRequested => CaseActKind.Suspension.Stored,
        _ => CaseActKind.Termination.Stored,
    };
}
