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
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var select = Command(connection, transaction,
            $"SELECT {InboxColumns} FROM window_inbox WHERE recipient = @recipient ORDER BY id DESC LIMIT @limit",
            [("recipient", Text(recipient)), ("limit", Int(limit))]);
        var entries = await ReadAllAsync(select, ReadInbox, cancellationToken);
        await using var count = Command(connection, transaction, "SELECT COUNT(*) FROM window_inbox WHERE recipient = @recipient AND read_at IS NULL",
            [("recipient", Text(recipient))]);
        var unread = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return (entries, unread);
    }

    /// <inheritdoc />
    public async Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync("UPDATE window_inbox SET read_at = COALESCE(read_at, @now) WHERE id = @id AND recipient = @recipient",
            [("now", access.Instant(now)), ("id", Long(id)), ("recipient", Text(recipient))], cancellationToken) == 1;

    private InboxEntry ReadInbox(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), NullableText(reader, 6),
        NullableText(reader, 7), NullableText(reader, 8), NullableText(reader, 9), dialect.ReadInstant(reader, 10), access.NullableInstant(reader, 11));
}
