using System.Globalization;
using Window.Workflows.Calendar;

namespace Window.Host.Notifications;

/// <summary>
/// The notification settings (<c>Window:Notifications:*</c>, see README.md): the SMS gateway, the SMTP server for staff,
/// quiet hours, retries and the public address put in texts. A channel without its address is not configured and its
/// messages are logged (one line, no personal data) instead of sent.
/// </summary>
public sealed record NotificationOptions(
    Uri? SmsUrl,
    string? SmsSecret,
    TimeSpan AttemptTimeout,
    string? SmtpHost,
    int SmtpPort,
    bool SmtpStartTls,
    string? SmtpUser,
    string? SmtpPassword,
    string SmtpFrom,
    string? SmtpDomain,
    QuietHours Quiet,
    int MaxAttempts,
    TimeSpan FirstRetry,
    TimeSpan LongestRetry,
    TimeSpan Period,
    string PublicUrl)
{
    /// <summary>How long a dispatcher's claim on a message lasts: after a crash, another dispatcher retries it then.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether an SMS gateway is configured.</summary>
    public bool SmsConfigured => SmsUrl is not null;

    /// <summary>Whether an SMTP server is configured.</summary>
    public bool SmtpConfigured => !string.IsNullOrEmpty(SmtpHost) && !string.IsNullOrEmpty(SmtpDomain);

    /// <summary>When a failed attempt (the <paramref name="attempts"/>th) is tried again: doubling from the first retry, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetry.Ticks * factor, LongestRetry.Ticks));
        return delay;
    }

    /// <summary>Reads the settings; a malformed value stops the start with its key named.</summary>
    public static NotificationOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Window:Notifications");
        Uri? sms = null;
        if (section["Sms:Url"] is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out sms))
        {
            throw new InvalidOperationException($"Window:Notifications:Sms:Url must be an absolute http(s) address, not '{url}'.");
        }

        return new NotificationOptions(
            sms,
            section["Sms:Secret"] is { Length: > 0 } secret ? secret : null,
            Span(section, "Timeout", TimeSpan.FromSeconds(10)),
            section["Smtp:Host"] is { Length: > 0 } host ? host : null,
            Number(section, "Smtp:Port", 25),
            !string.Equals(section["Smtp:StartTls"], "false", StringComparison.OrdinalIgnoreCase),
            section["Smtp:User"] is { Length: > 0 } user ? user : null,
            section["Smtp:Password"] is { Length: > 0 } password ? password : null,
            section["Smtp:From"] is { Length: > 0 } from ? from : "window@localhost",
            section["Smtp:Domain"] is { Length: > 0 } domain ? domain : null,
            QuietHours.Parse(section["QuietHours"]),
            Number(section, "MaxAttempts", 8),
            Span(section, "FirstRetry", TimeSpan.FromSeconds(30)),
            Span(section, "LongestRetry", TimeSpan.FromHours(1)),
            Span(section, "Period", TimeSpan.FromSeconds(15)),
            Hosting.WindowHostExtensions.PublicUrl(configuration))
        {
            ClaimLease = Span(section, "ClaimLease", TimeSpan.FromMinutes(2)),
        };
    }

    private static TimeSpan Span(IConfigurationSection section, string key, TimeSpan fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"Window:Notifications:{key} must be a positive time span such as 00:00:30, not '{text}'.");
    }

    private static int Number(IConfigurationSection section, string key, int fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Window:Notifications:{key} must be a positive whole number, not '{text}'.");
    }
}

/// <summary>
/// When no SMS is sent (office time, UTC+8): <c>21:00-08:00</c> by default, <c>none</c> for never. A message due inside
/// them is held until they end.
/// </summary>
public sealed record QuietHours(TimeOnly? From, TimeOnly? To)
{
    /// <summary>No quiet hours.</summary>
    public static QuietHours None { get; } = new(null, null);

    /// <summary><c>HH:mm-HH:mm</c> (across midnight when the first is later), <c>none</c>, or the default when empty.</summary>
    public static QuietHours Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0));
        }

        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from != to
                ? new QuietHours(from, to)
                : throw new InvalidOperationException($"Window:Notifications:QuietHours must be HH:mm-HH:mm (e.g. 21:00-08:00) or none, not '{text}'.");
    }

    /// <summary>The instant the quiet hours around <paramref name="now"/> end, or <see langword="null"/> when it is not quiet.</summary>
    public DateTimeOffset? HeldUntil(DateTimeOffset now)
    {
        if (From is not { } from || To is not { } to)
        {
            return null;
        }

        var local = now.ToOffset(OfficeTime.Offset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        var quiet = from < to ? time >= from && time < to : time >= from || time < to;
        if (!quiet)
        {
            return null;
        }

        var endDay = from < to || time < to ? today : today.AddDays(1);
        return new DateTimeOffset(endDay.ToDateTime(to), OfficeTime.Offset);
    }
}
