using Window.Contracts;

namespace Window.Host.Notifications;

/// <summary>
/// The bell's unread count for one page session (scoped to the circuit): read again every <see cref="Period"/> and at
/// once when the inbox page marks something read, and told to the layout through <see cref="Changed"/>.
/// </summary>
public sealed partial class InboxBell(NotificationQueries queries, ILogger<InboxBell> logger) : IAsyncDisposable
{
    /// <summary>How often an open page asks for the count.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stop = new();
    private Actor? actor;
    private Task? loop;

    /// <summary>Raised with the new count when it changed.</summary>
    public event Func<int, Task>? Changed;

    /// <summary>The last count read.</summary>
    public int Unread { get; private set; }

    /// <summary>Starts watching <paramref name="who"/>'s count (once per session; real time, not the fake clock of tests).</summary>
    public void Watch(Actor who, int unread)
    {
        Unread = unread;
        if (loop is not null)
        {
            return;
        }

        actor = who;
        loop = Task.Run(() => LoopAsync(stop.Token));
    }

    /// <summary>Reads the count now (after marking read) and tells the layout when it changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (actor is null)
        {
            return;
        }

        var now = await queries.UnreadAsync(actor, cancellationToken);
        if (now != Unread)
        {
            Unread = now;
            if (Changed is { } changed)
            {
                await changed(now);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await RefreshAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database away for a moment: the bell keeps its count and asks again next time.
                    LogRefreshFailed(exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the bell's unread count failed; it asks again")]
    private partial void LogRefreshFailed(Exception exception);
}
