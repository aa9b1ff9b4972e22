using System.Diagnostics;
using System.Net;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Faults;

/// <summary>
/// PostgreSQL crashes and stays down for a while: the host says so (readiness 503, so a balancer sends its work elsewhere),
/// answers changes 503 storage_unavailable rather than 500, and comes back by itself once the database does — nobody
/// restarts the host or clears its connection pool.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_the_database_is_away(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task readiness_and_changes_answer_503_until_postgres_is_back_then_both_recover_by_themselves()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.PostgreSql, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var balancer = app.Anonymous();
        using var officer = app.Officer();
        var path = $"/api/cases/{opened.Id}/visits";
        Assert.Equal(HttpStatusCode.OK, (await balancer.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The tests' server acknowledges commits before their WAL is flushed (synchronous_commit=off): a checkpoint makes
        // what was acknowledged so far survive the crash, as a durable production server would.
        await app.SqlAsync("CHECKPOINT");
        await postgres.CrashAsync();
        HttpResponseMessage ready, change;
        try
        {
            ready = await balancer.GetAsync(new Uri("/health/ready", UriKind.Relative));
            change = await officer.CommandAsync(path, new { purpose = "数据库停机时到窗" }, "visit-during-outage");
        }
        finally
        {
            await postgres.RestartAsync();
        }

        var back = Stopwatch.StartNew();
        while ((await balancer.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(30), "readiness did not come back within 30 s of the database");
            await Task.Delay(200);
        }

        var readyAfter = back.Elapsed;
        var retried = await officer.CommandAsync(path, new { purpose = "数据库停机时到窗" }, "visit-during-outage");
        var timeline = await officer.GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");
        output.WriteLine($"readiness back {readyAfter.TotalSeconds:F1} s after PostgreSQL accepted connections again");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("storage_unavailable", (await change.ProblemAsync(503)).GetProperty("code").GetString());
        Assert.NotNull(change.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(timeline, entry => entry.Kind == "visit");
    }
}
