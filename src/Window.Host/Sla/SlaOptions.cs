namespace Window.Host.Sla;

/// <summary>SLA supervision settings: <c>Window:Sla:WatchPeriod</c> (default 30 s), <c>Window:Notifications:Sender</c> (default Inbox).</summary>
public sealed record SlaOptions(TimeSpan WatchPeriod, string Sender)
{
    /// <summary>How many cases (and outbox entries) one tick handles at most, most overdue first.</summary>
    public const int BatchSize = 500;

    /// <summary>How long a dispatcher's claim on an outbox entry lasts before another may retry it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Reads the settings; a malformed period stops the start with the key named.</summary>
    public static SlaOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var period = TimeSpan.FromSeconds(30);
        if (configuration["Window:Sla:WatchPeriod"] is { Length: > 0 } text)
        {
            if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out period) || period <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Window:Sla:WatchPeriod must be a positive time span such as 00:00:30, not '{text}'.");
            }
        }

        return new SlaOptions(period, configuration["Window:Notifications:Sender"] is { Length: > 0 } sender ? sender : "Inbox");
    }
}
