using System.Data.Common;
using System.Globalization;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>Staff's in-app notifications (window_inbox).</summary>
public interface IInbox
{
    /// <summary>Puts a notification in a recipient's inbox; false when it is already there (a retry).</summary>
    Task<bool> InsertInboxAsync(InboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A recipient's newest notifications and how many of all theirs are unread.</summary>
    Task<(IReadOnlyList<InboxEntry> Entries, int Unread)> InboxAsync(string recipient, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a recipient's inbox, newest first: <paramref name="limit"/> entries older than the entry
    /// <paramref name="before"/> (from the newest when null), with the unread count and how many entries there are in all.
    /// </summary>
    Task<(IReadOnlyList<InboxEntry> Entries, int Unread, long Total)> InboxPageAsync(string recipient, int limit, long? before, CancellationToken cancellationToken = default);

    /// <summary>Marks one of a recipient's notifications read (the first read time is kept); false when it is not theirs.</summary>
    Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IInbox"/> on window_inbox.</summary>
public sealed class Inbox(WindowDatabase database) : IInbox
{
    private const string InboxColumns = "id, recipient, case_id, seq, case_number, kind, light, item_id, step_id, department, at, read_at";

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<bool> InsertInboxAsync(InboxEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await access.ExecuteAsync(
            "INSERT INTO window_inbox (recipient, case_id, seq, case_number, kind, light, item_id, step_id, department, at) " +
            "VALUES (@recipient, @case_id, @seq, @case_number, @kind, @light, @item_id, @step_id, @department, @at) " +
            "ON CONFLICT (recipient, case_id, seq) DO NOTHING",
            [
                ("recipient", Text(entry.Recipient)), ("case_id", Text(entry.CaseId)), ("seq", Int(entry.Seq)), ("case_number", Text(entry.CaseNumber)),
                ("kind", Text(entry.Kind)), ("light", Text(entry.Light)), ("item_id", Text(entry.ItemId)), ("step_id", Text(entry.StepId)),
                ("department", Text(entry.Department)), ("at", access.Instant(entry.At)),
            ], cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<InboxEntry> Entries, int Unread)> InboxAsync(string recipient, int limit, CancellationToken cancellationToken = default)
    {
        var (entries, unread, _) = await InboxPageAsync(recipient, limit, null, cancellationToken);
        return (entries, unread);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<InboxEntry> Entries, int Unread, long Total)> InboxPageAsync(
        string recipient, int limit, long? before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var select = Command(connection, transaction,
            $"SELECT {InboxColumns} FROM window_inbox WHERE recipient = @recipient{(before is null ? "" : " AND id < @before")} ORDER BY id DESC LIMIT @limit",
            [("recipient", Text(recipient)), ("limit", Int(limit)), ("before", Long(before ?? 0))]);
        var entries = await ReadAllAsync(select, ReadInbox, cancellationToken);
        var (total, unread) = await CountsAsync(connection, transaction, recipient, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return (entries, unread, total);
    }

    /// <summary>
    /// One page of a recipient's inbox as the inbox page shows it: the unread first, each group newest first, with the
    /// unread count and the total.
    /// </summary>
    public async Task<(IReadOnlyList<InboxEntry> Entries, int Unread, long Total)> UnreadFirstAsync(
        string recipient, int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var select = Command(connection, transaction,
            $"SELECT {InboxColumns} FROM window_inbox WHERE recipient = @recipient " +
            "ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT @limit OFFSET @offset",
            [("recipient", Text(recipient)), ("limit", Int(limit)), ("offset", Int(offset))]);
        var entries = await ReadAllAsync(select, ReadInbox, cancellationToken);
        var (total, unread) = await CountsAsync(connection, transaction, recipient, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return (entries, unread, total);
    }

    /// <inheritdoc />
    public async Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync("UPDATE window_inbox SET read_at = COALESCE(read_at, @now) WHERE id = @id AND recipient = @recipient",
            [("now", access.Instant(now)), ("id", Long(id)), ("recipient", Text(recipient))], cancellationToken) == 1;

    /// <summary>How many entries a recipient has, and how many of them are unread.</summary>
    private static async Task<(long Total, int Unread)> CountsAsync(DbConnection connection, DbTransaction transaction, string recipient, CancellationToken cancellationToken)
    {
        await using var count = Command(connection, transaction,
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) FROM window_inbox WHERE recipient = @recipient",
            [("recipient", Text(recipient))]);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))
            : (0L, 0);
    }

    private InboxEntry ReadInbox(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), NullableText(reader, 6),
        NullableText(reader, 7), NullableText(reader, 8), NullableText(reader, 9), dialect.ReadInstant(reader, 10), access.NullableInstant(reader, 11));
}
