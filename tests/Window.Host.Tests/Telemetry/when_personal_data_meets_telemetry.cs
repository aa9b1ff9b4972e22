using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class when_personal_data_meets_telemetry(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly TelemetryCapture capture = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task no_name_id_number_or_phone_reaches_a_span_a_metric_tag_or_a_log_record()
    {
        var idNumber = Cases.Api.NewIdNumber();
        const string phone = "13700001111";
        const string name = "司马长风";
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, configureServices: capture.Register);
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("settle-in")).Where(m => m.Required).Select(m => m.Id).ToList();
        var opened = await (await desk.CommandAsync("/api/cases", new { talent = new { name, idNumber, phone, tier = "B" }, items = new[] { "settle-in" }, materials, deferred = Array.Empty<object>() }))
            .ReadAsync<CaseDto>();
        await (await desk.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = $"{name} {phone} 来窗口询问进度" })).ReadAsync<CaseDto>();
        await (await app.Officer().CommandAsync($"/api/cases/{opened.Id}/talent/reveal", new { field = "idNumber", reason = "核对身份" })).ReadAsync<RevealedDto>();
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(9), step => step.Department == "health" ? "reject" : "approve");
        await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();
        var metrics = capture.CollectMetrics();

        var spanTexts = capture.Spans.SelectMany(TelemetryCapture.SpanTexts).ToList();
        var metricTexts = TelemetryCapture.TagTexts(metrics).ToList();
        Assert.Contains(capture.Spans, s => s.DisplayName == "case.record-visit");
        Assert.NotEmpty(metricTexts);
        Assert.NotEmpty(capture.Logs);
        foreach (var secret in new[] { idNumber, phone, name })
        {
            Assert.DoesNotContain(spanTexts, text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(metricTexts, text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(capture.Logs, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // Log records carry the trace and span of the request they were written in.
        Assert.Contains(capture.Logs, line => line.Contains("Personal data revealed", StringComparison.Ordinal) && !line.StartsWith(new string('0', 32), StringComparison.Ordinal));
    }
}
