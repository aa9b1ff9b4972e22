using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Window.Testing;

namespace Window.Storage.Tests;

/// <summary>Real silos wired exactly as the host wires them, on free loopback ports.</summary>
internal static class TestSilos
{
    public static async Task<IHost> StartAsync(WindowDatabase database, bool adoNetClustering = false, string clusterId = "window-test")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "window";
            });
            silo.AddWindowGrainStorage(database);
            if (adoNetClustering)
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
                silo.UseWindowClustering(database);
                silo.UseWindowReminders(database);
            }
            else
            {
                silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static IGrainStorage Storage(this IHost host) =>
        host.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task StopAndDisposeAsync(this IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }
}
