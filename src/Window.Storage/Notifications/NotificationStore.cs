using System.Data.Common;
using System.Globalization;
using Window.Contracts;
using Window.Storage.ReadModel;
using Window.Storage.Sla;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Notifications;

/// <summary>A message to queue: one recipient, channel and template of one journal entry.</summary>
public sealed record NewMessage(
    string CaseId, int Seq, string Recipient, string Channel, string Template, string Kind, string Token, DateTimeOffset NotBefore,
    MessageStatusKind Status = MessageStatusKind.Pending);

/// <summary>A stored message with its delivery state.</summary>
public sealed record MessageRow(
    long Id, string CaseId, int Seq, string Recipient, string Channel, string Template, string Kind, string Token, string Status, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, string? MaskedTo, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string CaseNumber);

/// <summary>
/// The notification pipeline's storage: the outbox entries of the catalogue's kinds (the escalations' are the
/// <see cref="Outbox"/>'s), and the per-recipient messages with their retries (migration 0018).
/// </summary>
public sealed class NotificationStore(WindowDatabase database)
{
    /// <summary>The kinds the escalation dispatcher takes from the shared outbox; every other kind is this pipeline's.</summary>
    public const string EscalationKinds = "('light-changed', 'rectification-opened', 'rectification-light')";

    private const string MessageColumns =
        "m.id, m.case_id, m.seq, m.recipient, m.channel, m.template, m.kind, m.token, m.status, m.attempts, m.next_attempt_at, m.last_error, m.masked_to, " +
        "m.created_at, m.sent_at, c.number";

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>Makes the trigger queue entries of these kinds too (the catalogue's events; existing kinds are kept).</summary>
    public async Task RegisterKindsAsync(IEnumerable<string> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            await access.ExecuteAsync("INSERT INTO window_notification_events (kind) VALUES (@kind) ON CONFLICT (kind) DO NOTHING", [("kind", Text(kind))], cancellationToken);
        }
    }

    /// <summary>Outbox entries of the pipeline's kinds not expanded yet and not claimed by a live dispatcher, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> PendingEventsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT d.case_id, d.seq, d.kind, d.detail, d.item_id, d.step_id, d.department, d.at, c.number, c.officer " +
            "FROM window_notification_dispatch d JOIN window_cases c ON c.case_id = d.case_id " +
            $"WHERE d.dispatched_at IS NULL AND d.kind NOT IN {EscalationKinds} AND (d.claimed_until IS NULL OR d.claimed_until <= @now) " +
            "ORDER BY d.at, d.case_id, d.seq LIMIT @limit",
            [("now", access.Instant(now)), ("limit", Int(limit))]);
        return await ReadAllAsync(command, reader => new PendingNotification(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), NullableText(reader, 3), NullableText(reader, 4), NullableText(reader, 5), NullableText(reader, 6),
            dialect.ReadInstant(reader, 7), reader.GetString(8), reader.GetString(9)), cancellationToken);
    }

    /// <summary>
    /// Queues the messages of one entry and marks the entry dispatched, in one transaction; messages already queued (a
    /// dispatcher that died after queuing some) are kept as they are.
    /// </summary>
    public async Task QueueAsync(string caseId, int seq, IReadOnlyList<NewMessage> messages, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var message in messages)
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO window_notification_messages (case_id, seq, recipient, channel, template, kind, token, status, attempts, masked_to, next_attempt_at, created_at, sent_at) " +
                "VALUES (@case_id, @seq, @recipient, @channel, @template, @kind, @token, @status, @attempts, @masked, @next, @now, @sent_at) " +
                "ON CONFLICT (case_id, seq, recipient, channel, template) DO NOTHING",
                [
                    ("case_id", Text(message.CaseId)), ("seq", Int(message.Seq)), ("recipient", Text(message.Recipient)), ("channel", Text(message.Channel)),
                    ("template", Text(message.Template)), ("kind", Text(message.Kind)), ("token", Text(message.Token)), ("status", Text(message.Status.Stored)),
                    ("attempts", Int(message.Status == MessageStatusKind.Pending ? 0 : 1)), ("masked", Text(message.Status == MessageStatusKind.Pending ? null : message.Recipient)),
                    ("sent_at", message.Status == MessageStatusKind.Pending ? new SqlValue(null, access.Instant(now).Type) : access.Instant(now)),
                    ("next", access.Instant(message.NotBefore > now ? message.NotBefore : now)), ("now", access.Instant(now)),
                ]);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var done = Command(connection, transaction,
            "UPDATE window_notification_dispatch SET dispatched_at = @now, claimed_until = NULL WHERE case_id = @case_id AND seq = @seq",
            [("now", access.Instant(now)), ("case_id", Text(caseId)), ("seq", Int(seq))]);
        await done.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Messages whose next attempt is due and that no live dispatcher holds, earliest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {MessageColumns} FROM window_notification_messages m JOIN window_cases c ON c.case_id = m.case_id " +
            "WHERE m.status = 'pending' AND m.next_attempt_at <= @now AND (m.claimed_until IS NULL OR m.claimed_until <= @now) " +
            "ORDER BY m.next_attempt_at, m.id LIMIT @limit",
            [("now", access.Instant(now)), ("limit", Int(limit))]);
        return await ReadAllAsync(command, ReadMessage, cancellationToken);
    }

    /// <summary>Claims a pending message until <paramref name="until"/>: true for exactly one of several dispatchers.</summary>
    public async Task<bool> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync(
            "UPDATE window_notification_messages SET claimed_until = @until WHERE id = @id AND status = 'pending' AND next_attempt_at <= @now " +
            "AND (claimed_until IS NULL OR claimed_until <= @now)",
            [("until", access.Instant(until)), ("id", Long(id)), ("now", access.Instant(now))], cancellationToken) == 1;

    /// <summary>Records that the channel took the message, or that it was logged (<paramref name="status"/>), as one more attempt.</summary>
    public Task MarkSentAsync(long id, DateTimeOffset now, string? maskedTo, MessageStatusKind status, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync(
            "UPDATE window_notification_messages SET status = @status, attempts = attempts + 1, sent_at = @now, claimed_until = NULL, last_error = NULL, " +
            "masked_to = COALESCE(@masked, masked_to) WHERE id = @id",
            [("status", Text(status.Stored)), ("now", access.Instant(now)), ("masked", Text(maskedTo)), ("id", Long(id))], cancellationToken);

    /// <summary>Records a failed attempt: pending again at <paramref name="next"/>, or dead when <paramref name="dead"/>.</summary>
    public Task MarkFailedAsync(long id, DateTimeOffset next, string error, bool dead, string? maskedTo, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync(
            "UPDATE window_notification_messages SET status = @status, attempts = attempts + 1, next_attempt_at = @next, claimed_until = NULL, " +
            "last_error = @error, masked_to = COALESCE(@masked, masked_to) WHERE id = @id",
            [("status", Text((dead ? MessageStatusKind.Dead : MessageStatusKind.Pending).Stored)), ("next", access.Instant(next)), ("error", Text(error)),
                ("masked", Text(maskedTo)), ("id", Long(id))], cancellationToken);

    /// <summary>Holds a message until <paramref name="until"/> without counting an attempt (quiet hours).</summary>
    public Task DeferAsync(long id, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync("UPDATE window_notification_messages SET next_attempt_at = @until, claimed_until = NULL WHERE id = @id",
            [("until", access.Instant(until)), ("id", Long(id))], cancellationToken);

    /// <summary>Closes a message that is not to be sent (opted out, no address), with the reason.</summary>
    public Task SkipAsync(long id, string reason, string? maskedTo, CancellationToken cancellationToken = default) =>
        access.ExecuteAsync(
            "UPDATE window_notification_messages SET status = 'skipped', claimed_until = NULL, last_error = @reason, masked_to = COALESCE(@masked, masked_to) WHERE id = @id",
            [("reason", Text(reason)), ("masked", Text(maskedTo)), ("id", Long(id))], cancellationToken);

    /// <summary>A case's messages in the order they were queued.</summary>
    public async Task<IReadOnlyList<MessageRow>> OfCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {MessageColumns} FROM window_notification_messages m JOIN window_cases c ON c.case_id = m.case_id WHERE m.case_id = @case_id ORDER BY m.id",
            [("case_id", Text(caseId))]);
        return await ReadAllAsync(command, ReadMessage, cancellationToken);
    }

    /// <summary>A page of dead messages, newest first, and how many there are.</summary>
    public async Task<(IReadOnlyList<MessageRow> Rows, long Total)> DeadAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {MessageColumns} FROM window_notification_messages m JOIN window_cases c ON c.case_id = m.case_id WHERE m.status = 'dead' " +
            "ORDER BY m.id DESC LIMIT @limit OFFSET @offset",
            [("limit", Int(limit)), ("offset", Int(offset))]);
        var rows = await ReadAllAsync(command, ReadMessage, cancellationToken);
        await using var count = Command(connection, null, "SELECT COUNT(*) FROM window_notification_messages WHERE status = 'dead'", []);
        return (rows, Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }

    /// <summary>Gives a dead message a fresh round of attempts from now; false when it is not dead (already retried or sent).</summary>
    public async Task<bool> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync(
            "UPDATE window_notification_messages SET status = 'pending', attempts = 0, next_attempt_at = @now, claimed_until = NULL WHERE id = @id AND status = 'dead'",
            [("now", access.Instant(now)), ("id", Long(id))], cancellationToken) == 1;

    /// <summary>Whether a message with this id exists.</summary>
    public async Task<bool> ExistsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM window_notification_messages WHERE id = @id", [("id", Long(id))]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private MessageRow ReadMessage(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
        reader.GetString(7), reader.GetString(8), reader.GetInt32(9), dialect.ReadInstant(reader, 10), NullableText(reader, 11), NullableText(reader, 12),
        dialect.ReadInstant(reader, 13), access.NullableInstant(reader, 14), reader.GetString(15));
}
