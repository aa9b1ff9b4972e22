using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>The escalation outbox (window_notification_dispatch), filled by the projection writer in the journal's transaction.</summary>
public interface IOutbox
{
    /// <summary>Escalation entries (the notification pipeline takes the others) not dispatched and not claimed by a live dispatcher, oldest first.</summary>
    Task<IReadOnlyList<PendingNotification>> PendingNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims an entry until <paramref name="until"/>: true for exactly one of several dispatchers racing for it (a
    /// compare-and-set on the row), false when it is dispatched or another dispatcher's claim is still live.
    /// </summary>
    Task<bool> TryClaimAsync(string caseId, int seq, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The recipients an entry has already been delivered to (a retry skips them).</summary>
    Task<IReadOnlySet<string>> DeliveredToAsync(string caseId, int seq, CancellationToken cancellationToken = default);

    /// <summary>Records that an entry reached one recipient.</summary>
    Task RecordDeliveryAsync(string caseId, int seq, string recipient, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks an entry dispatched (every recipient done).</summary>
    Task CompleteAsync(string caseId, int seq, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed entry back after a failure, so that the next tick retries it.</summary>
    Task ReleaseAsync(string caseId, int seq, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IOutbox"/>: claims by compare-and-set, deliveries recorded one recipient at a time.</summary>
public sealed class Outbox(WindowDatabase database) : IOutbox
{
    private const string PendingSql = $"""
        SELECT d.case_id, d.seq, d.kind, d.detail, d.item_id, d.step_id, d.department, d.at, c.number, c.officer
        FROM window_notification_dispatch d JOIN window_cases c ON c.case_id = d.case_id
        WHERE d.dispatched_at IS NULL AND d.kind IN {Window.Storage.Notifications.NotificationStore.EscalationKinds} AND (d.claimed_until IS NULL OR d.claimed_until <= @now)
        ORDER BY d.at, d.case_id, d.seq LIMIT @limit
        """;

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingNotification>> PendingNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, PendingSql, [("now", access.Instant(now)), ("limit", Int(limit))]);
        return await ReadAllAsync(command, reader => new PendingNotification(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), NullableText(reader, 3), NullableText(reader, 4), NullableText(reader, 5), NullableText(reader, 6),
            dialect.ReadInstant(reader, 7), reader.GetString(8), reader.GetString(9)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string caseId, int seq, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync(
            "UPDATE window_notification_dispatch SET claimed_until = @until WHERE case_id = @case_id AND seq = @seq " +
            "AND dispatched_at IS NULL AND (claimed_until IS NULL OR claimed_until <= @now)",
            [("until", access.Instant(until)), ("case_id", Text(caseId)), ("seq", Int(seq)), ("now", access.Instant(now))], cancellationToken) == 1;

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DeliveredToAsync(string caseId, int seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT recipient FROM window_notification_deliveries WHERE case_id = @case_id AND seq = @seq",
            [("case_id", Text(caseId)), ("seq", Int(seq))]);
        return (await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task RecordDeliveryAsync(string caseId, int seq, string recipient, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync(
            "INSERT INTO window_notification_deliveries (case_id, seq, recipient, delivered_at) VALUES (@case_id, @seq, @recipient, @now) " +
            "ON CONFLICT (case_id, seq, recipient) DO NOTHING",
            [("case_id", Text(caseId)), ("seq", Int(seq)), ("recipient", Text(recipient)), ("now", access.Instant(now))], cancellationToken);

    /// <inheritdoc />
    public Task CompleteAsync(string caseId, int seq, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync("UPDATE window_notification_dispatch SET dispatched_at = @now, claimed_until = NULL WHERE case_id = @case_id AND seq = @seq",
            [("now", access.Instant(now)), ("case_id", Text(caseId)), ("seq", Int(seq))], cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string caseId, int seq, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync("UPDATE window_notification_dispatch SET claimed_until = NULL, attempts = attempts + 1 WHERE case_id = @case_id AND seq = @seq",
            [("case_id", Text(caseId)), ("seq", Int(seq))], cancellationToken);
}
