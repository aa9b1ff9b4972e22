namespace Window.Contracts;

/// <summary>The stored states of a rectification (整改) and of an appeal of its rating.</summary>
public static class RectificationStates
{
    /// <summary>Opened by a poor rating, not closed yet.</summary>
    public const string Open = "open";

    /// <summary>Closed by the officer with a result.</summary>
    public const string Closed = "closed";

    /// <summary>An appeal waits for a supervisor.</summary>
    public const string AppealPending = "pending";

    /// <summary>The supervisor kept the rating.</summary>
    public const string AppealUpheld = "upheld";

    /// <summary>The supervisor voided the rating: it leaves the figures and stays in the journal.</summary>
    public const string AppealVoided = "voided";
}

/// <summary>One follow-up (回访) of a rectification: who recorded it, when, and the note (call made, talent's response).</summary>
[GenerateSerializer, Immutable, Alias("window.rectification-follow-up.v1")]
public sealed record RectificationFollowUp([property: Id(0)] DateTimeOffset At, [property: Id(1)] string By, [property: Id(2)] string Note);

/// <summary>An appeal of a poor rating (差评申诉) and the supervisor's decision once made.</summary>
[GenerateSerializer, Immutable, Alias("window.rating-appeal.v1")]
public sealed record RatingAppeal(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Reason,
    [property: Id(3)] string State,
    [property: Id(4)] DateTimeOffset? DecidedAt = null,
    [property: Id(5)] string? DecidedBy = null);

/// <summary>
/// The rectification (整改) a poor rating opened: its owner (the case's officer when it opened), due day, follow-ups,
/// closure and appeal. Cases rated before this record existed have none; their rectification is read from
/// <see cref="EvaluationView.RectificationDue"/> and opens here on the first act.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.rectification.v1")]
public sealed record RectificationView(
    [property: Id(0)] string Owner,
    [property: Id(1)] DateOnly Due,
    [property: Id(2)] string State,
    [property: Id(3)] IReadOnlyList<RectificationFollowUp> FollowUps,
    [property: Id(4)] string? Result = null,
    [property: Id(5)] DateTimeOffset? ClosedAt = null,
    [property: Id(6)] RatingAppeal? Appeal = null);

/// <summary>
/// How the result was handed over (出件): the method (in-person at the window, post, online) and, at the window, who
/// collected it: the talent or a proxy whose name and ID number are sealed (<see cref="SealedProxy"/>, unsealed and masked
/// by the host only).
/// </summary>
[GenerateSerializer, Immutable, Alias("window.delivery.v1")]
public sealed record DeliveryView(
    [property: Id(0)] string Method,
    [property: Id(1)] string? Collector,
    [property: Id(2)] byte[]? SealedProxy);

/// <summary>Who collected a result at the window.</summary>
public static class Collectors
{
    /// <summary>The talent in person.</summary>
    public const string Talent = "talent";

    /// <summary>A named proxy (代领人) with their ID number.</summary>
    public const string Proxy = "proxy";
}
