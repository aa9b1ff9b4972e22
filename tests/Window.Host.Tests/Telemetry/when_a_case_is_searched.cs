using System.Diagnostics;
using System.Net.Http.Json;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Telemetry;

/// <summary>The header's search sends a name, ID number or phone: none of it may reach a span, a metric or a log record.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class when_a_case_is_searched(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly TelemetryCapture capture = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task the_searched_value_reaches_no_span_metric_or_log_record()
    {
        var idNumber = Cases.Api.NewIdNumber();
        const string phone = "13611112222";
        const string name = "东方不败";
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, configureServices: capture.Register);
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("medical-checkup")).Where(m => m.Required).Select(m => m.Id).ToList();
        await (await desk.CommandAsync("/api/cases", new { talent = new { name, idNumber, phone, tier = "C" }, items = new[] { "medical-checkup" }, materials, deferred = Array.Empty<object>() }))
            .ReadAsync<CaseDto>();

        foreach (var query in new[] { name, idNumber, phone, "+86 136 1111 2222" })
        {
            var found = await (await desk.PostAsJsonAsync("/api/cases/search", new { query })).ReadAsync<PageDto<CaseSummaryDto>>();
            Assert.Single(found.Items);
        }

        var metrics = capture.CollectMetrics();
        var spanTexts = capture.Spans.SelectMany(TelemetryCapture.SpanTexts).ToList();
        Assert.Contains(capture.Spans, span => span.Kind == ActivityKind.Server && TelemetryCapture.SpanTexts(span).Any(text => text.Contains("/api/cases/search", StringComparison.Ordinal)));
        foreach (var secret in new[] { idNumber, phone, name, "136 1111 2222" })
        {
            Assert.DoesNotContain(spanTexts, text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(TelemetryCapture.TagTexts(metrics), text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(capture.Logs, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
