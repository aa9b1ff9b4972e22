using Window.Contracts;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>The SLA watcher's look at stored deadlines.</summary>
public interface IAttention
{
    /// <summary>
    /// Cases whose stored deadlines have passed without the stored light showing it: steps green past their warning
    /// instant, green or yellow past their due instant, waits past their end; open cases likewise. Most overdue first
    /// (by the earliest such instant), at most <paramref name="limit"/> (clamped to 1..5000). Read from stored data, so a
    /// deadline that passed while no host ran is found at the first look after start.
    /// </summary>
    Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IAttention"/>: four probes of the sla migration's partial indexes, most overdue first.</summary>
public sealed class Attention(WindowDatabase database) : IAttention
{
    /// <summary>The largest batch the SLA watcher reads at once.</summary>
    private const int MaxAttentionLimit = 5000;

    // Each branch repeats the WHERE of one partial index of the sla migration verbatim (SQLite needs that to use it).
    private static readonly string AttentionSql = $"""
        SELECT case_id, MIN(since) AS since FROM (
            SELECT case_id, warn_at AS since FROM window_steps
                WHERE light = {Sql(LightKind.Green)} AND case_status <> {Sql(CaseStatusKind.Withdrawn)} AND warn_at <= @now
            UNION ALL
            SELECT case_id, due_at FROM window_steps
                WHERE (light IN {In(LightKind.Green, LightKind.Yellow)} OR status = {Sql(StepStatusKind.Waiting)}) AND case_status <> {Sql(CaseStatusKind.Withdrawn)} AND due_at <= @now
            UNION ALL
            SELECT case_id, warn_at FROM window_cases WHERE light = {Sql(LightKind.Green)} AND status = {Sql(CaseStatusKind.Open)} AND warn_at <= @now
            UNION ALL
            SELECT case_id, due_at FROM window_cases WHERE light IN {In(LightKind.Green, LightKind.Yellow)} AND status = {Sql(CaseStatusKind.Open)} AND due_at <= @now
            UNION ALL
            SELECT case_id, acts_due_at FROM window_cases WHERE acts_due_at IS NOT NULL AND acts_due_at <= @now
        ) AS passed
        GROUP BY case_id ORDER BY MIN(since), case_id LIMIT @limit
        """;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(
        DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, AttentionSql,
            [("now", Instant(now)), ("limit", Int(Math.Clamp(limit, 1, MaxAttentionLimit)))]);
        return await ReadAllAsync(command, reader => new CaseAttention(reader.GetString(0), dialect.ReadInstant(reader, 1)), cancellationToken);
    }

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);
}
