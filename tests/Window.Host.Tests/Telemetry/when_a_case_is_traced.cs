using System.Diagnostics;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class when_a_case_is_traced(PostgresServer postgres) : IDisposable
{
    private static readonly string[] SettleInDepartments = ["hrss", "housing", "health", "education", "public-security"];
    private readonly TempDirectory folder = new();
    private readonly TelemetryCapture capture = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task the_settle_in_journey_is_one_trace_rooted_at_acceptance_across_every_department()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, configureServices: capture.Register);
        var opened = await app.Desk().OpenAsync("settle-in");

        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(7));
        await (await app.Desk().CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();
        await (await app.Anonymous().CommandAsync($"/api/public/cases/{opened.Number}/evaluation", new { code = opened.LookupCode, level = 5 })).ReadAsync<PublicCaseDto>();

        var spans = capture.CaseSpans(opened.Id);
        var root = AssertOneTree(spans);
        Assert.Superset(SettleInDepartments.ToHashSet(), spans.Select(s => s.GetTagItem(WindowTelemetry.Department) as string).OfType<string>().ToHashSet());
        Assert.Contains(spans, s => s.DisplayName == "case.complete-step" && s.GetTagItem(WindowTelemetry.Department) as string == "public-security");
        Assert.Contains(spans, s => s.DisplayName == "case.deliver-result");
        Assert.Contains(spans, s => s.DisplayName == "case.evaluate" && s.Parent is null && s.ParentSpanId == root.SpanId);
        Assert.Contains(spans, s => s.DisplayName == "step-completed" && s.GetTagItem(WindowTelemetry.Outcome) as string == "approve");
        AssertRequestsAndCaseLinkBothWays(spans, root);

        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        var exported = spans.Select(s => s.SpanId.ToHexString()).ToHashSet();
        Assert.All(timeline, entry => Assert.Equal(root.TraceId.ToHexString(), entry.TraceId));
        Assert.All(timeline, entry => Assert.Contains(entry.SpanId!, exported));

        var trace = await app.Officer().GetJsonAsync<CaseTraceDto>($"/api/cases/{opened.Id}/trace");
        Assert.Equal(root.TraceId.ToHexString(), trace.TraceId);
        Assert.Equal(root.SpanId.ToHexString(), trace.Root.SpanId);
        Assert.Equal("case.accept", trace.Root.Name);
        var tree = Flatten(trace.Root).ToList();
        Assert.Equal(exported, tree.Select(s => s.SpanId).ToHashSet());
        Assert.All(tree.Where(s => s.Name.StartsWith("case.", StringComparison.Ordinal) && s != trace.Root), s => Assert.Equal(trace.Root.SpanId, s.ParentSpanId));
        var health = await app.Department("health").GetJsonAsync<CaseTraceDto>($"/api/cases/{opened.Id}/trace");
        Assert.All(Flatten(health.Root), s => Assert.True(s.Department is null or "health", $"{s.Name} of {s.Department} shown to health"));
        Assert.Equal(404, (int)(await app.As("visitor", Roles.Department, "finance").GetAsync(new Uri($"/api/cases/{opened.Id}/trace", UriKind.Relative))).StatusCode);

        Console.WriteLine(Render(trace.Root, 0));
    }

    [Fact]
    public async Task the_case_keeps_its_trace_when_the_host_restarts_in_the_middle()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.PostgreSql, postgres, folder, configureServices: capture.Register);
        var opened = await app.Desk().OpenAsync("settle-in");
        var first = opened.Steps.First(s => s.Status == "ready" && s.Department is not null);
        await (await app.Department(first.Department!).CommandAsync($"/api/cases/{opened.Id}/steps/{first.Id}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();
        var before = capture.CaseSpans(opened.Id).Count;

        await app.RestartAsync();
        app.Clock.Advance(TimeSpan.FromDays(3));
        await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(11));
        await (await app.Officer().CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "online" })).ReadAsync<CaseDto>();

        var spans = capture.CaseSpans(opened.Id);
        Assert.True(spans.Count > before + 10, $"{spans.Count} spans, {before} before the restart");
        var root = AssertOneTree(spans);
        AssertRequestsAndCaseLinkBothWays(spans, root);
        Assert.Contains(capture.Spans, s => s.Source.Name == "Npgsql" && s.TraceId == root.TraceId);
        var trace = await app.Officer().GetJsonAsync<CaseTraceDto>($"/api/cases/{opened.Id}/trace");
        Assert.Equal(spans.Select(s => s.SpanId.ToHexString()).ToHashSet(), Flatten(trace.Root).Select(s => s.SpanId).ToHashSet());
    }

    /// <summary>Every span of the case is in one trace and hangs, through case spans, from the acceptance.</summary>
    private static Activity AssertOneTree(IReadOnlyList<Activity> spans)
    {
        var root = Assert.Single(spans, s => s.ParentSpanId == default);
        Assert.Equal("case.accept", root.DisplayName);
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        Assert.All(spans, s => Assert.Equal(root.TraceId, s.TraceId));
        Assert.All(spans.Where(s => s != root), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.All(spans.Where(s => s.DisplayName.StartsWith("case.", StringComparison.Ordinal) && s != root), s => Assert.Equal(root.SpanId, s.ParentSpanId));
        return root;
    }

    /// <summary>Each command made through HTTP links to its request's trace, and that request's grain call links back.</summary>
    private void AssertRequestsAndCaseLinkBothWays(IReadOnlyList<Activity> spans, Activity root)
    {
        var everything = capture.Spans;
        var commands = spans.Where(s => s.DisplayName.StartsWith("case.", StringComparison.Ordinal) && s.DisplayName != "case.catch-up").ToList();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var link = Assert.Single(command.Links);
            Assert.NotEqual(root.TraceId, link.Context.TraceId);
            var incoming = Assert.Single(everything, s => s.SpanId == link.Context.SpanId);
            Assert.Contains(incoming.Links, back => back.Context.SpanId == command.SpanId && back.Context.TraceId == root.TraceId);
            Assert.Contains(everything, s => s.TraceId == link.Context.TraceId && s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        }
    }

    private static IEnumerable<TraceSpanDto> Flatten(TraceSpanDto span) => span.Children.SelectMany(Flatten).Prepend(span);

    private static string Render(TraceSpanDto span, int depth) =>
        $"{new string(' ', depth * 2)}{span.Name} {span.Department} {span.Item}{(span.Step is null ? "" : "." + span.Step)} {span.Outcome}\n"
        + string.Concat(span.Children.Select(child => Render(child, depth + 1)));
}
