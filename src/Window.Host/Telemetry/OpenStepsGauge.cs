using System.Diagnostics.Metrics;
using Window.Contracts;
using Window.Storage.ReadModel;
using Window.Workflows.Catalog;

namespace Window.Host.Telemetry;

/// <summary>
/// <c>window.steps.open</c>: the steps waiting in each department's queue, by light, read from the read model when
/// metrics are collected. A gauge over stored data stays right across restarts and silos, where counters kept on
/// transitions would start again from zero in every process.
/// </summary>
internal sealed class OpenStepsGauge(IMeterFactory meters, IDepartmentQueue queues, WorkflowCatalog catalog, ILogger<OpenStepsGauge> logger) : IHostedService
{
    private static readonly string[] Lights = [LightKind.Green.Stored, LightKind.Yellow.Stored, LightKind.Red.Stored];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meters.Create(WindowTelemetry.Name).CreateObservableGauge("window.steps.open", Observe, "{step}", "Steps open in departments' queues");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private List<Measurement<int>> Observe()
    {
        var measurements = new List<Measurement<int>>();
        try
        {
            // Collection runs on the exporter's own thread, which may wait for the query: one count of every queue by light.
            var counts = queues.OpenStepCountsAsync().GetAwaiter().GetResult()
                .ToDictionary(count => (count.Department, count.Light), count => count.Count);
            foreach (var department in catalog.Departments.Keys)
            {
                foreach (var light in Lights)
                {
                    measurements.Add(new Measurement<int>(
                        counts.GetValueOrDefault((department, light)),
                        new KeyValuePair<string, object?>(WindowTelemetry.Department, department),
                        new KeyValuePair<string, object?>(WindowTelemetry.Light, light)));
                }
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            logger.LogWarning(exception, "Open steps could not be counted for the metrics");
            return [];
        }

        return measurements;
    }
}
