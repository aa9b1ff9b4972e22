using Orleans.Configuration;

namespace Window.Host.Hosting;

/// <summary>
/// How fast the cluster gets past a host that died without a goodbye (SIGKILL, power): until the others declare it dead,
/// calls to its grains and to its part of the grain directory fail ("Failed to address message"). Orleans' defaults
/// (5 s probes, 3 missed, 3 placement retries within 0.7 s) left clients 5-7 s of failures; here probes are 2 s (1 s at
/// least, adaptive up to 8 s under load), so a dead host is declared in about 3 s, and placement retries wait for
/// about that long instead of failing first. Operators can set any of the options under
/// <c>Window:Orleans:Membership</c> (<see cref="ClusterMembershipOptions"/>) and <c>Window:Orleans:Messaging</c>
/// (<see cref="SiloMessagingOptions"/>), e.g. <c>Window__Orleans__Membership__ProbeTimeout=00:00:05</c>.
/// </summary>
public static class Failover
{
    /// <summary>The first probe timeout; the effective one adapts between half of it and four times it.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Placement retries: 0.2 + 0.4 + 0.8 + 1.6 s, past the detection of a dead host.</summary>
    public const int PlacementMaxRetries = 4;

    /// <summary>The first placement retry's delay; each next one doubles.</summary>
    public static readonly TimeSpan PlacementRetryBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Applies the defaults above, then what configuration says.</summary>
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Configure<ClusterMembershipOptions>(options => options.ProbeTimeout = ProbeTimeout);
        silo.Configure<SiloMessagingOptions>(options =>
        {
            options.PlacementMaxRetries = PlacementMaxRetries;
            options.PlacementRetryBaseDelay = PlacementRetryBaseDelay;
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Window:Orleans:Membership"));
        silo.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Window:Orleans:Messaging"));
    }
}
