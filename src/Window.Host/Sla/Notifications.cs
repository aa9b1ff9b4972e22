using Window.Storage.Sla;

namespace Window.Host.Sla;

/// <summary>One escalation for one recipient: a light change, a rectification task or its light.</summary>
/// <param name="Recipient">The staff user name.</param>
/// <param name="CaseId">The opaque case id.</param>
/// <param name="Seq">The journal entry it comes from (negative for rectification lights: -1 yellow, -2 red).</param>
/// <param name="CaseNumber">The receipt number.</param>
/// <param name="Kind">light-changed, rectification-opened or rectification-light.</param>
/// <param name="Light">The new light, when a light changed.</param>
/// <param name="ItemId">The step's item, for a step light.</param>
/// <param name="StepId">The step, for a step light.</param>
/// <param name="Department">The step's department, for a step light.</param>
/// <param name="At">When it happened.</param>
public sealed record Notification(
    string Recipient, string CaseId, int Seq, string CaseNumber, string Kind, string? Light, string? ItemId, string? StepId, string? Department,
    DateTimeOffset At);

/// <summary>
/// A channel that delivers notifications (inbox, SMS, e-mail ...), chosen by name with <c>Window:Notifications:Sender</c>.
/// A sender must tolerate being called twice for the same (recipient, case, seq) after a crash: the dispatcher records
/// each delivery right after it, so a repeat happens only if the process dies in between.
/// </summary>
public interface INotificationSender
{
    /// <summary>The name configuration selects it by (case-insensitive).</summary>
    string Name { get; }

    /// <summary>Delivers one notification; throws to have it retried at the next tick.</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}

/// <summary>The default sender: the recipient's inbox in Window's database, unique per (recipient, case, seq).</summary>
internal sealed partial class InboxNotificationSender(IInbox store, ILogger<InboxNotificationSender> logger) : INotificationSender
{
    public string Name => "Inbox";

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var inserted = await store.InsertInboxAsync(new InboxEntry(0, notification.Recipient, notification.CaseId, notification.Seq,
            notification.CaseNumber, notification.Kind, notification.Light, notification.ItemId, notification.StepId, notification.Department,
            notification.At, null), cancellationToken);
        if (inserted)
        {
            // No personal data: the case id is opaque, and the recipient is left out.
            LogDelivered(notification.Kind, notification.Light ?? "-", notification.CaseId, notification.Seq);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Kind} ({Light}) of case {CaseId} entry {Seq} put in an inbox")]
    private partial void LogDelivered(string kind, string light, string caseId, int seq);
}

/// <summary>A sender that only logs (for environments without any channel).</summary>
internal sealed partial class LogOnlyNotificationSender(ILogger<LogOnlyNotificationSender> logger) : INotificationSender
{
    public string Name => "LogOnly";

    public Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        LogNotified(notification.Kind, notification.Light ?? "-", notification.CaseId, notification.Seq);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Kind} ({Light}) of case {CaseId} entry {Seq} (log only)")]
    private partial void LogNotified(string kind, string light, string caseId, int seq);
}
