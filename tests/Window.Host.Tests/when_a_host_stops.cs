using System.Runtime.CompilerServices;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests;

/// <summary>
/// A stopped host leaves nothing running that holds it: its services are collected. Each functional test starts hosts of
/// its own; when timers kept them (ASP.NET Core's rate-limiting middleware's never-disposed endpoint limiter, and timers
/// whose execution context carried the test factory's listener), every host stayed in memory, ~60 MB each, many GB per run.
/// </summary>
public sealed class when_a_host_stops
{
    [Fact]
    public async Task its_services_are_collected()
    {
        var hosts = new List<WeakReference>();
        for (var i = 0; i < 4; i++)
        {
            hosts.Add(await StartAndStopAsync());
        }

        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        // The process's first host may stay: process-wide statics started while it was built keep its context (OpenTelemetry's
        // self-diagnostics refresher). That is one host per process, not one per host.
        Assert.True(hosts.Count(h => h.IsAlive) <= 2, $"{hosts.Count(h => h.IsAlive)} of {hosts.Count} stopped hosts are still in memory");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartAndStopAsync()
    {
        using var folder = new TempDirectory();
        var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, null!, folder);
        var services = new WeakReference(app.Services);
        await app.DisposeAsync();
        return services;
    }
}
