namespace Window.Contracts;

/// <summary>What an escalation in the outbox and the inbox is about (<c>window_notification_dispatch.kind</c>, <c>window_inbox.kind</c>).</summary>
public enum NotificationKind
{
    /// <summary>A case's or a step's light changed (the journal entry's kind).</summary>
    LightChanged,

    /// <summary>A rectification task was opened (the journal entry's kind).</summary>
    RectificationOpened,

    /// <summary>A rectification task's light changed (queued by the store, not journaled).</summary>
    RectificationLight,

    /// <summary>A supervisor's rule held: a department's on-time rate this week fell below the rule's percentage.</summary>
    SlaAlertOnTime,

    /// <summary>A supervisor's rule held: a step has been red for the rule's number of working days or more.</summary>
    SlaAlertRed,
}

/// <summary>The stored strings of <see cref="NotificationKind"/>.</summary>
public static class NotificationKinds
{
    /// <summary>The table; the first two are the timeline kinds the outbox trigger copies, so they must never change.</summary>
    public static StoredNames<NotificationKind> Names { get; } = new(
        (NotificationKind.LightChanged, "light-changed"),
        (NotificationKind.RectificationOpened, "rectification-opened"),
        (NotificationKind.RectificationLight, "rectification-light"),
        (NotificationKind.SlaAlertOnTime, "sla-alert-on-time"),
        (NotificationKind.SlaAlertRed, "sla-alert-red"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static NotificationKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out NotificationKind value) => Names.TryParse(stored, out value);

    extension(NotificationKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}
