namespace Window.Contracts;

/// <summary>How a notification message stands (<c>window_notification_messages.status</c>, issue 21).</summary>
public enum MessageStatusKind
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The channel took it.</summary>
    Sent,

    /// <summary>Every attempt failed; an administrator may retry it.</summary>
    Dead,

    /// <summary>Not sent on purpose: the talent opted out, or there was nothing left to remind of.</summary>
    Skipped,

    /// <summary>No channel is configured: logged in one line instead of sent.</summary>
    Logged,
}

/// <summary>The stored strings of <see cref="MessageStatusKind"/>.</summary>
public static class MessageStatusKinds
{
    /// <summary>The table; stored strings must never change.</summary>
    public static StoredNames<MessageStatusKind> Names { get; } = new(
        (MessageStatusKind.Pending, "pending"),
        (MessageStatusKind.Sent, "sent"),
        (MessageStatusKind.Dead, "dead"),
        (MessageStatusKind.Skipped, "skipped"),
        (MessageStatusKind.Logged, "logged"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static MessageStatusKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out MessageStatusKind value) => Names.TryParse(stored, out value);

    extension(MessageStatusKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}
