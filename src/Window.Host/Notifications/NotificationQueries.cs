using Window.Contracts;
using Window.Host.Cases;
using Window.Storage;
using Window.Storage.Notifications;
using Window.Storage.Sla;

namespace Window.Host.Notifications;

/// <summary>One message of a case's delivery log: no clear address, only the masked phone or the staff user name.</summary>
public sealed record MessageDeliveryDto(
    long Id, int Seq, string Kind, string Channel, string Template, string Recipient, string? MaskedTo, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>A dead message (every attempt failed) for the administrators' view.</summary>
public sealed record DeadLetterDto(
    long Id, string CaseId, string CaseNumber, string Kind, string Channel, string Template, string? MaskedTo, int Attempts, string? LastError,
    DateTimeOffset CreatedAt);

/// <summary>A page of dead messages.</summary>
public sealed record DeadLetterPageDto(IReadOnlyList<DeadLetterDto> Items, long Total, int Page, int PageSize);

/// <summary>One inbox entry as the inbox page shows it.</summary>
public sealed record InboxPageItem(long Id, string CaseId, string CaseNumber, string Kind, string? Light, string? ItemId, string? StepId, string? Department,
    DateTimeOffset At, bool Read);

/// <summary>A page of one's inbox, unread first.</summary>
public sealed record InboxPageDto(IReadOnlyList<InboxPageItem> Items, int Unread, long Total, int Page, int PageSize);

/// <summary>
/// The one front door of notifications for the API and the pages: one's inbox (unread first, mark read), a case's
/// delivery log (for those who may read the case), the dead letters and their retry (administrators).
/// </summary>
public sealed class NotificationQueries(NotificationStore store, WindowDatabase database, CaseQueryService cases, TimeProvider time)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 200;

    private readonly Inbox inbox = new(database);

    /// <summary>A page of <paramref name="actor"/>'s inbox, unread first (pages from 1).</summary>
    public async Task<InboxPageDto> InboxAsync(Actor actor, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (entries, unread, total) = await inbox.UnreadFirstAsync(actor.User, pageSize, (page - 1) * pageSize, cancellationToken);
        return new InboxPageDto([.. entries.Select(e => new InboxPageItem(e.Id, e.CaseId, e.CaseNumber, e.Kind, e.Light, e.ItemId, e.StepId, e.Department, e.At, e.ReadAt is not null))],
            unread, total, page, pageSize);
    }

    /// <summary>How many of <paramref name="actor"/>'s notifications are unread (the bell).</summary>
    public async Task<int> UnreadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return (await inbox.InboxAsync(actor.User, 1, cancellationToken)).Unread;
    }

    /// <summary>Marks one of <paramref name="actor"/>'s notifications read; false when it is not theirs.</summary>
    public Task<bool> MarkReadAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return inbox.MarkReadAsync(actor.User, id, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>A case's delivery log, or <see langword="null"/> when <paramref name="actor"/> may not read the case.</summary>
    public async Task<IReadOnlyList<MessageDeliveryDto>?> DeliveriesAsync(Actor actor, string caseId, CancellationToken cancellationToken = default)
    {
        if (await cases.CaseAsync(actor, caseId) is null)
        {
            return null;
        }

        return [.. (await store.OfCaseAsync(caseId, cancellationToken)).Select(m => new MessageDeliveryDto(
            m.Id, m.Seq, m.Kind, m.Channel, m.Template, m.Recipient, m.MaskedTo, m.Status, m.Attempts,
            m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError))];
    }

    /// <summary>A page of dead messages, newest first (pages from 1).</summary>
    public async Task<DeadLetterPageDto> DeadLettersAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var (rows, total) = await store.DeadAsync(pageSize, (page - 1) * pageSize, cancellationToken);
        return new DeadLetterPageDto([.. rows.Select(m => new DeadLetterDto(
            m.Id, m.CaseId, m.CaseNumber, m.Kind, m.Channel, m.Template, m.MaskedTo, m.Attempts, m.LastError, m.CreatedAt))], total, page, pageSize);
    }

    /// <summary>
    /// Gives a dead message a fresh round of attempts. Idempotent: a message retried already (pending or sent again) is
    /// left as it is and answers true too; false only when there is no such message.
    /// </summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default) =>
        await store.RetryAsync(id, time.GetUtcNow(), cancellationToken) || await store.ExistsAsync(id, cancellationToken);
}
