using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Faults;

/// <summary>
/// What a client sees while a silo dies: a 503 problem with Retry-After and a stable code, never a 500, and a retry with
/// the same Idempotency-Key that applies the command once. Pages retry by themselves and say 系统繁忙 when that runs out.
/// </summary>
public sealed class when_the_cluster_is_unavailable(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public static TheoryData<DatabaseProvider, string> Failures() =>
        OnBothDatabases.With("silo-unavailable", "connection-failed", "timeout", "not-transient");

    public void Dispose() => folder.Dispose();

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task a_command_is_answered_503_with_retry_after_and_its_retry_applies_it_once(DatabaseProvider provider, string failure)
    {
        var faults = new ClusterFaults();
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services => ClusterFaults.Install(services, faults));
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();
        var path = $"/api/cases/{opened.Id}/visits";

        faults.FailNext(1, () => Exception(failure));
        var failed = await officer.CommandAsync(path, new { purpose = "咨询进度" }, "visit-once");
        var retried = await officer.CommandAsync(path, new { purpose = "咨询进度" }, "visit-once");
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        if (failure == "not-transient")
        {
            // A bug is not made retryable: it stays a 500 (and is not applied).
            await failed.ProblemAsync(500);
        }
        else
        {
            var problem = await failed.ProblemAsync(503);
            Assert.Equal(failure == "timeout" ? "timeout" : "cluster_unavailable", problem.GetProperty("code").GetString());
            Assert.Equal($"/problems/{problem.GetProperty("code").GetString()!.Replace('_', '-')}", problem.GetProperty("type").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), failed.Headers.RetryAfter!.Delta);
        }

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(timeline, entry => entry.Kind == "visit");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_page_retries_by_itself_then_says_busy_and_its_same_click_later_applies_once(DatabaseProvider provider)
    {
        var faults = new ClusterFaults();
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services => ClusterFaults.Install(services, faults));
        var opened = await app.Desk().OpenAsync("medical-checkup");
        var commands = app.Services.GetRequiredService<CaseCommandService>();
        var page = new CommandSource(new Actor("officer", Roles.Officer, null), "ui-visit-1", CommandSource.PageMethod, $"/cases/{opened.Id}");

        faults.FailNext(2, () => new SiloUnavailableException("Injected: the silo died."));
        var riddenThrough = await commands.RecordVisitAsync(page, opened.Id, new VisitRequest("第一次咨询"));
        faults.FailNext(int.MaxValue, () => new ConnectionFailedException("Injected: connection refused."));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var busy = await commands.RecordVisitAsync(page with { Key = "ui-visit-2" }, opened.Id, new VisitRequest("第二次咨询"));
        var gaveUpAfter = started.Elapsed;
        faults.Heal();
        var clickedAgain = await commands.RecordVisitAsync(page with { Key = "ui-visit-2" }, opened.Id, new VisitRequest("第二次咨询"));
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.True(riddenThrough.Succeeded, riddenThrough.Code);
        Assert.Equal(OutcomeStatus.Unavailable, busy.Status);
        Assert.Equal("cluster_unavailable", busy.Code);
        Assert.InRange(gaveUpAfter, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        Assert.True(clickedAgain.Succeeded, clickedAgain.Code);
        Assert.Equal(2, timeline.Count(entry => entry.Kind == "visit"));
    }

    private static Exception Exception(string failure) => failure switch
    {
        "silo-unavailable" => new SiloUnavailableException("Injected: the target silo became unavailable."),
        "connection-failed" => new ConnectionFailedException("Injected: failed to address message; connection refused."),
        "timeout" => new TimeoutException("Injected: response did not arrive on time."),
        _ => new InvalidOperationException("Injected: a bug."),
    };
}
