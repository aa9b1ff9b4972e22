using System.Security.Cryptography;
using System.Text;
using Window.Contracts;
using Window.Host.Hosting;
using Window.Host.Privacy;
using Window.Host.Sla;
using Window.Storage.Notifications;
using Window.Storage.Sla;
using Window.Workflows.Catalog;

namespace Window.Host.Notifications;

/// <summary>
/// The notification pipeline after the outbox (see README.md beside this file). Each pass:
/// <list type="number">
/// <item>expands the outbox entries of the catalogue's kinds: claims an entry (compare-and-set, lease), resolves its
/// recipients per catalogue line, puts staff's inbox entries in place (unique per recipient and entry) and queues one
/// message row per recipient, channel and template, marking the entry dispatched in the same transaction;</item>
/// <item>delivers the due messages: claims each, builds its text from the case (the phone unsealed in memory only),
/// holds SMS in quiet hours, sends through the channel and records sent, or the failure with the next attempt
/// (exponential backoff) until the attempts are spent (dead: an administrator may retry).</item>
/// </list>
/// Exactly once in Window's records per (entry, recipient, channel, template); towards a gateway at least once, with the
/// same idempotency token on every attempt, so a gateway that keeps tokens sees it once (a host dying between the
/// gateway's answer and the commit sends it again after the claim lease).
/// </summary>
public sealed partial class NotificationDispatcher(
    NotificationStore store,
    IInbox inbox,
    IOutbox outbox,
    IStaffDirectory staff,
    IEnumerable<INotificationChannel> channels,
    IGrainFactory grains,
    PersonalDataProtector protector,
    CatalogSource catalogs,
    NotificationOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<NotificationDispatcher> logger) : PeriodicPass(options.Period, time, lifetime, logger)
{
    private const int BatchSize = 200;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool kindsRegistered;
    private readonly Dictionary<string, INotificationChannel> byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>One pass (expansion, then delivery), alone in this process; returns how many messages went out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!kindsRegistered)
            {
                // The outbox trigger queues the entries of the kinds in window_notification_events: the catalogue's, from now on.
                await store.RegisterKindsAsync(MessageCatalogue.Kinds, cancellationToken);
                kindsRegistered = true;
            }

            await ExpandAsync(cancellationToken);
            return await DeliverAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The idempotency token of a message: a hash of what identifies it, the same on every host and attempt.</summary>
    public static string TokenOf(string caseId, int seq, string recipient, string channel, string template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caseId}\n{seq}\n{recipient}\n{channel}\n{template}")))[..32];

    /// <summary>A phone number as the delivery log shows it: 138****5678.</summary>
    public static string MaskPhone(string phone) => phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : "****";

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    private async Task ExpandAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var entry in await store.PendingEventsAsync(now, BatchSize, cancellationToken))
        {
            if (!await outbox.TryClaimAsync(entry.CaseId, entry.Seq, now, now + options.ClaimLease, cancellationToken))
            {
                continue;
            }

            try
            {
                var messages = new List<NewMessage>();
                CaseView? view = null;
                foreach (var line in MessageCatalogue.For(entry.Kind))
                {
                    var notBefore = now;
                    if (line.Reminder)
                    {
                        view ??= await grains.GetGrain<ICaseGrain>(entry.CaseId).GetAsync();
                        if (view is null || MessageParameters.ReminderAt(line.Template, view, catalogs.Current.Calendar) is not { } at)
                        {
                            continue;
                        }

                        notBefore = at;
                    }

                    if (line.Audience == Audience.AssignedOfficer)
                    {
                        // The officer given at acceptance finds the case in their list; only a reassignment is news. The
                        // entry's instant went through the database (microseconds), the grain's has ticks: compare to the millisecond.
                        view ??= await grains.GetGrain<ICaseGrain>(entry.CaseId).GetAsync();
                        if (view is null || (view.OpenedAt - entry.At).Duration() < TimeSpan.FromMilliseconds(1))
                        {
                            continue;
                        }
                    }

                    foreach (var recipient in await RecipientsAsync(line.Audience, entry, cancellationToken))
                    {
                        if (line.Channel == Channels.Inbox)
                        {
                            await inbox.InsertInboxAsync(new InboxEntry(0, recipient, entry.CaseId, entry.Seq, entry.CaseNumber, entry.Kind, null, entry.ItemId,
                                entry.StepId, entry.Department, entry.At, null), cancellationToken);
                        }

                        messages.Add(new NewMessage(entry.CaseId, entry.Seq, recipient, line.Channel, line.Template, entry.Kind,
                            TokenOf(entry.CaseId, entry.Seq, recipient, line.Channel, line.Template), notBefore,
                            line.Channel == Channels.Inbox ? MessageStatusKind.Sent : MessageStatusKind.Pending));
                    }
                }

                await store.QueueAsync(entry.CaseId, entry.Seq, messages, now, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogExpandFailed(exception, entry.CaseId, entry.Seq);
                await outbox.ReleaseAsync(entry.CaseId, entry.Seq, CancellationToken.None);
            }
        }
    }

    private async Task<IReadOnlyList<string>> RecipientsAsync(Audience audience, PendingNotification entry, CancellationToken cancellationToken) => audience switch
    {
        Audience.Talent => [Recipients.Talent],
        Audience.Officer => [entry.Officer],
        Audience.AssignedOfficer => entry.Detail is { Length: > 0 } officer ? [officer] : [entry.Officer],
        Audience.DepartmentStaff => entry.Department is { Length: > 0 } department ? await staff.DepartmentStaffAsync(department, cancellationToken) : [],
        Audience.Supervisors => await staff.SupervisorsAsync(cancellationToken),
        _ => [],
    };

    private async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var now = Clock.GetUtcNow();
        foreach (var message in await store.DueAsync(now, BatchSize, cancellationToken))
        {
            if (!await store.TryClaimAsync(message.Id, now, now + options.ClaimLease, cancellationToken))
            {
                continue;
            }

            sent += await DeliverAsync(message, now, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(MessageRow message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? masked = null;
        try
        {
            var view = await grains.GetGrain<ICaseGrain>(message.CaseId).GetAsync();
            if (view is null)
            {
                await store.SkipAsync(message.Id, "no_case", null, cancellationToken);
                return false;
            }

            if (MessageCatalogue.IsReminder(message.Template)
                && MessageParameters.Missing(view, message.Template == MessageParameters.DeferredReminder ? MaterialStatusKind.Deferred : MaterialStatusKind.Requested).Count == 0)
            {
                // The materials came in before the reminder was due: nothing to remind of.
                await store.SkipAsync(message.Id, "not_needed", null, cancellationToken);
                return false;
            }

            string address;
            if (message.Recipient == Recipients.Talent)
            {
                var identity = protector.Unseal(view.SealedIdentity);
                address = identity.Phone;
                masked = MaskPhone(identity.Phone);
                if (identity.SmsOptOut)
                {
                    await store.SkipAsync(message.Id, "opted_out", masked, cancellationToken);
                    return false;
                }
            }
            else
            {
                masked = message.Recipient;
                address = message.Channel == Channels.Email && options.SmtpDomain is { } domain ? $"{message.Recipient}@{domain}" : message.Recipient;
            }

            if (message.Channel == Channels.Sms && options.Quiet.HeldUntil(now) is { } until)
            {
                await store.DeferAsync(message.Id, until, cancellationToken);
                return false;
            }

            var parameters = MessageParameters.Of(message, view, catalogs.Current, options);
            if (!byName.TryGetValue(message.Channel, out var channel))
            {
                // No channel configured: one line, no personal data, so a newcomer sees what would have gone out.
                LogNotConfigured(message.Template, message.Channel, message.CaseId, message.Seq);
                await store.MarkSentAsync(message.Id, now, masked, MessageStatusKind.Logged, cancellationToken);
                NotificationMetrics.Sent.Add(1, new KeyValuePair<string, object?>("channel", "log"));
                return true;
            }

            if (message.Attempts > 0)
            {
                NotificationMetrics.Retried.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
            }

            await channel.SendAsync(new OutgoingMessage(message.Id, message.CaseId, message.Template, message.Token, address, parameters), cancellationToken);
            await store.MarkSentAsync(message.Id, Clock.GetUtcNow(), masked, MessageStatusKind.Sent, cancellationToken);
            NotificationMetrics.Sent.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var code = exception is ChannelFailedException failure ? failure.Code : "error";
            var attempts = message.Attempts + 1;
            var dead = attempts >= options.MaxAttempts;
            NotificationMetrics.Failed.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
            LogSendFailed(message.Template, message.Channel, message.CaseId, message.Seq, code, attempts, dead);
            await store.MarkFailedAsync(message.Id, now + options.Backoff(attempts), code, dead, masked, CancellationToken.None);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queuing the notifications of entry {Seq} of case {CaseId} failed; the next pass retries")]
    private partial void LogExpandFailed(Exception exception, string caseId, int seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Template} ({Channel}) for case {CaseId} entry {Seq}: no channel configured, logged only")]
    private partial void LogNotConfigured(string template, string channel, string caseId, int seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Template} ({Channel}) for case {CaseId} entry {Seq} failed ({Code}), attempt {Attempts}, dead: {Dead}")]
    private partial void LogSendFailed(string template, string channel, string caseId, int seq, string code, int attempts, bool dead);
}

/// <summary>The recipient names that are not staff user names.</summary>
public static class Recipients
{
    /// <summary>The case's talent.</summary>
    public const string Talent = "talent";
}
