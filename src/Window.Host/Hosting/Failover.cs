using Orleans.Configuration;

namespace Window.Host.Hosting;

/// <summary>
/// How fast the cluster gets past a host that died without a goodbye (SIGKILL, power): until the others declare it dead,
/// calls to its grains and to its part of the grain directory fail ("Failed to address message"). Orleans' defaults
/// (5 s probes, 3 missed, 3 placement retries within 0.7 s) left clients 5-13 s of failures. Here probes start at 2 s
/// (adapting between 1 s and 8 s to the round trips seen) and 2 missed ones make a suspicion, so the two other hosts of
/// a three-host cluster declare a killed one dead in about 2.5 s (measured: clients got their answers about 3 s after the
/// kill), and placement retries wait for about that long instead of failing first. A host that only pauses is protected
/// by Orleans' connection liveness check: recent messages on its connection suppress the votes against it. Operators can
/// set any of the options under
/// <c>Window:Orleans:Membership</c> (<see cref="ClusterMembershipOptions"/>) and <c>Window:Orleans:Messaging</c>
/// (<see cref="SiloMessagingOptions"/>), e.g. <c>Window__Orleans__Membership__ProbeTimeout=00:00:05</c>.
/// </summary>
public static class Failover
{
    /// <summary>The first probe timeout; the effective one adapts between half of it and four times it.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes that make a host suspect its peer (Orleans: 3).</summary>
    public const int MissedProbesLimit = 2;

    /// <summary>Placement retries: 0.2 + 0.4 + 0.8 + 1.6 s, past the detection of a dead host.</summary>
    public const int PlacementMaxRetries = 4;

    /// <summary>The first placement retry's delay; each next one doubles.</summary>
    public static readonly TimeSpan PlacementRetryBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Applies the defaults above, then what configuration says.</summary>
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = ProbeTimeout;
            options.NumMissedProbesLimit = MissedProbesLimit;
        });
        silo.Configure<SiloMessagingOptions>(options =>
        {
            options.PlacementMaxRetries = PlacementMaxRetries;
            options.PlacementRetryBaseDelay = PlacementRetryBaseDelay;
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Window:Orleans:Membership"));
        silo.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Window:Orleans:Messaging"));
    }
}
