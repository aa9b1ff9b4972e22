using Window.Host.Hosting;

namespace Window.Host.Studio;

/// <summary>
/// Every <c>Window:Studio:PollPeriod</c> (2 seconds by default) each host compares the studio journal's stamp with the one its
/// catalogue was built from and reloads when it moved: one indexed <c>MAX(seq)</c> per host and period. A poll rather than a
/// grain or a stream because the catalogue lives outside Orleans (the pages, the API and the engine's deciders read it), the
/// database is already the one thing every host shares, and a lost message cannot leave a host behind: the next tick catches
/// up. It ticks on the system clock on purpose: the poll is plumbing, not business time that tests fake.
/// </summary>
public sealed class StudioPoll(StudioCatalog catalog, StudioOptions options, IHostApplicationLifetime lifetime, ILogger<StudioPoll> logger)
    : PeriodicPass(options.PollPeriod, TimeProvider.System, lifetime, logger)
{
    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => catalog.RefreshAsync(cancellationToken);
}

/// <summary>The studio's settings (<c>Window:Studio</c>).</summary>
/// <param name="PollPeriod">How often a host checks the store for publications of other hosts.</param>
public sealed record StudioOptions(TimeSpan PollPeriod)
{
    /// <summary>Reads <c>Window:Studio:PollPeriod</c> (default 2 seconds).</summary>
    public static StudioOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var period = configuration.GetValue<TimeSpan?>("Window:Studio:PollPeriod") ?? TimeSpan.FromSeconds(2);
        return new StudioOptions(period > TimeSpan.Zero ? period : throw new InvalidOperationException("Window:Studio:PollPeriod must be positive."));
    }
}
