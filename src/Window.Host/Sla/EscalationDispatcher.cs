using System.Globalization;
using Window.Contracts;
using Window.Host.Hosting;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>
/// Sends escalations from the outbox (window_notification_dispatch, filled in the same transaction as the journal entries
/// that cause them). Exactly once per change and recipient: an entry is claimed by compare-and-set (one dispatcher of
/// many gets it), each recipient's delivery is recorded right after it (a retry skips those done), and the entry is
/// marked dispatched only when every recipient is done; a failure releases the claim for the next tick.
/// </summary>
public sealed partial class EscalationDispatcher(
    IOutbox outbox,
    IRectifications rectifications,
    IStaffDirectory staff,
    IEnumerable<INotificationSender> senders,
    SlaGate gate,
    SlaOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<EscalationDispatcher> logger) : PeriodicPass(options.WatchPeriod, time, lifetime, logger)
{
    private readonly INotificationSender sender = senders.FirstOrDefault(s => string.Equals(s.Name, options.Sender, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
            $"Window:Notifications:Sender is '{options.Sender}', but the senders registered are: {string.Join(", ", senders.Select(s => s.Name))}.");

    /// <summary>One pass, alone in this process; returns how many entries it completed.</summary>
    public Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default) =>
        gate.RunAsync(() => DispatchAsync(cancellationToken), cancellationToken);

    /// <summary>Who an entry goes to (distinct, in a stable order).</summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(PendingNotification entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var recipients = new List<string>();
        var supervisors = false;

        // A kind or light this version does not know (a newer host's entry) notifies no one rather than failing the pass.
        NotificationKind? kind = NotificationKinds.TryParse(entry.Kind, out var known) ? known : null;
        LightKind? light = LightKinds.TryParse(entry.Detail, out var lit) ? lit : null;
        switch (kind)
        {
            case NotificationKind.LightChanged when light is LightKind.Yellow or LightKind.Red:
                if (entry.StepId is not null && entry.Department is { Length: > 0 } department)
                {
                    recipients.AddRange(await staff.DepartmentStaffAsync(department, cancellationToken));
                }

                recipients.Add(entry.Officer);
                supervisors = light == LightKind.Red;
                break;
            case NotificationKind.RectificationOpened:
                supervisors = true;
                break;
            case NotificationKind.RectificationLight when light is LightKind.Yellow or LightKind.Red:
                recipients.Add(entry.Officer);
                supervisors = true;
                break;
            default:
                break;
        }

        if (supervisors)
        {
            recipients.AddRange(await staff.SupervisorsAsync(cancellationToken));
        }

        return [.. recipients.Distinct(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);

    private async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var done = 0;
        foreach (var entry in await outbox.PendingNotificationsAsync(now, SlaOptions.BatchSize, cancellationToken))
        {
            if (!await outbox.TryClaimAsync(entry.CaseId, entry.Seq, now, now + SlaOptions.ClaimLease, cancellationToken))
            {
                continue;
            }

            try
            {
                await DispatchAsync(entry, now, cancellationToken);
                await outbox.CompleteAsync(entry.CaseId, entry.Seq, now, cancellationToken);
                done++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(exception, entry.CaseId, entry.Seq);
                await outbox.ReleaseAsync(entry.CaseId, entry.Seq, CancellationToken.None);
            }
        }

        return done;
    }

    private async Task DispatchAsync(PendingNotification entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.Kind == NotificationKind.RectificationOpened.Stored
            && DateOnly.TryParseExact(entry.Detail, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            // Yellow for the whole of its last (working) day, red after it.
            await rectifications.OpenRectificationAsync(entry.CaseId, due, OfficeTime.StartOf(due), OfficeTime.EndOf(due), cancellationToken);
        }

        var delivered = await outbox.DeliveredToAsync(entry.CaseId, entry.Seq, cancellationToken);
        var light = entry.Kind == NotificationKind.LightChanged.Stored || entry.Kind == NotificationKind.RectificationLight.Stored ? entry.Detail : null;
        foreach (var recipient in (await RecipientsAsync(entry, cancellationToken)).Where(r => !delivered.Contains(r)))
        {
            await sender.SendAsync(new Notification(recipient, entry.CaseId, entry.Seq, entry.CaseNumber, entry.Kind, light, entry.ItemId,
                entry.StepId, entry.Department, entry.At), cancellationToken);
            await outbox.RecordDeliveryAsync(entry.CaseId, entry.Seq, recipient, now, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalating entry {Seq} of case {CaseId} failed; the next tick retries")]
    private partial void LogDispatchFailed(Exception exception, string caseId, int seq);
}
