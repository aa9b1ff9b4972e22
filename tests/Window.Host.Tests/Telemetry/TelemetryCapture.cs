using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Window.Contracts;

namespace Window.Host.Tests.Telemetry;

/// <summary>
/// In-memory exporters for the host under test, registered through <see cref="Cases.WindowApp"/>'s
/// <c>configureServices</c> (ConfigureTestServices): what the host would send to an OTLP collector lands here.
/// The same capture survives a restart of the host (the new host registers into it again).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly Locked<Activity> spans = new();
    private readonly Locked<MetricSnapshot> metrics = new();
    private readonly Locked<string> logs = new();
    private IServiceProvider? services;

    /// <summary>Every span the host ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    /// <summary>Every log record the host exported, rendered with its trace id, span id, attributes, scopes and exception.</summary>
    public IReadOnlyList<string> Logs => logs.Snapshot();

    /// <summary>The spans of Window's own source about one case.</summary>
    public IReadOnlyList<Activity> CaseSpans(string caseId) =>
        [.. Spans.Where(s => s.Source.Name == WindowTelemetry.Name && (s.GetTagItem(WindowTelemetry.CaseId) as string) == caseId)];

    public void Register(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogRenderer(logs))));
        services.AddHostedService(provider => new ServicesProbe(this, provider));
    }

    /// <summary>Collects every instrument now and returns the metrics as exported.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        metrics.Clear();
        Assert.True(services!.GetRequiredService<MeterProvider>().ForceFlush(), "the metrics could not be collected");
        return metrics.Snapshot();
    }

    /// <summary>A cumulative counter's value (0 when nothing was counted yet) for the points that carry every given tag.</summary>
    public static long Sum(IReadOnlyList<MetricSnapshot> collected, string name, params (string Key, string Value)[] tags) =>
        Points(collected, name, tags).Sum(p => p.GetSumLong());

    /// <summary>How many values a histogram recorded for the points that carry every given tag.</summary>
    public static long Count(IReadOnlyList<MetricSnapshot> collected, string name, params (string Key, string Value)[] tags) =>
        Points(collected, name, tags).Sum(p => p.GetHistogramCount());

    /// <summary>A gauge's last value for the point with the given tags.</summary>
    public static long Gauge(IReadOnlyList<MetricSnapshot> collected, string name, params (string Key, string Value)[] tags) =>
        Points(collected, name, tags).Sum(p => p.GetGaugeLastValueLong());

    /// <summary>Every text a span carries: its names, status, tags, baggage and events (what an exporter would send).</summary>
    public static IEnumerable<string> SpanTexts(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.SelectMany(t => new[] { t.Key, t.Value?.ToString() ?? "" }))
            .Concat(span.Baggage.SelectMany(b => new[] { b.Key, b.Value ?? "" }))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? "").Prepend(e.Name)))
            .Concat(span.Links.SelectMany(l => (l.Tags ?? []).Select(t => t.Value?.ToString() ?? "")));
    }

    /// <summary>Every tag key and value of every metric point, for leak checks.</summary>
    public static IEnumerable<string> TagTexts(IReadOnlyList<MetricSnapshot> collected) =>
        collected.SelectMany(m => m.MetricPoints).SelectMany(p => Tags(p)).SelectMany(t => new[] { t.Key, t.Value?.ToString() ?? "" });

    private static IEnumerable<MetricPoint> Points(IReadOnlyList<MetricSnapshot> collected, string name, (string Key, string Value)[] tags) =>
        collected.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => Tags(p).Any(kv => kv.Key == t.Key && kv.Value?.ToString() == t.Value)));

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }

        return list;
    }

    /// <summary>A list the exporters may add to from any thread.</summary>
    private sealed class Locked<T> : ICollection<T>
    {
        private readonly List<T> items = [];

        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (items)
            {
                return [.. items];
            }
        }

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Renders log records as they are exported (the SDK reuses the record objects afterwards).</summary>
    private sealed class LogRenderer(Locked<string> lines) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var text = new StringBuilder()
                    .Append(record.TraceId.ToHexString()).Append(' ').Append(record.SpanId.ToHexString()).Append(' ')
                    .Append(record.CategoryName).Append(' ').Append(record.FormattedMessage).Append(' ').Append(record.Body);
                foreach (var attribute in record.Attributes ?? [])
                {
                    text.Append(' ').Append(attribute.Key).Append('=').Append(attribute.Value);
                }

                record.ForEachScope((scope, builder) =>
                {
                    foreach (var item in scope)
                    {
                        builder.Append(' ').Append(item.Key).Append('=').Append(item.Value);
                    }
                }, text);
                text.Append(' ').Append(record.Exception);
                lines.Add(text.ToString());
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Hands the host's services to the capture once it starts (to flush its meter provider).</summary>
    private sealed class ServicesProbe(TelemetryCapture capture, IServiceProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            capture.services = provider;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// Telemetry tests run alone: Window's ActivitySource and Meter are process-wide, so a host's exporters would also
/// see what hosts of tests running in parallel record.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<Window.Testing.PostgresServer>
{
    public const string Name = "telemetry";
}
