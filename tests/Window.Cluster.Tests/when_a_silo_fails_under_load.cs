using System.Text.Json;
using Window.Host.Api;
using Window.Testing;

namespace Window.Cluster.Tests;

/// <summary>
/// Faults under load: eight workers drive cases from opening to delivery through every host, from before the fault until
/// after it, while a host is killed, the database crashes, or every host restarts in turn. Every acknowledged change survives, nothing applies twice, no answer is a 500 (a busy host
/// answers 503 and the client retries with the same Idempotency-Key), and no command waits 10 s.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_a_silo_fails_under_load(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Clients working at once, each opening and finishing one case after another until the fault is over.</summary>
    private const int Workers = 8;

    /// <summary>What a failover may cost one command at most, retries included.</summary>
    private static readonly TimeSpan LongestAcceptable = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task a_killed_host_loses_nothing_acknowledged_applies_nothing_twice_and_answers_no_500()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres);
        var staff = await SignInAsync(cluster);

        var fault = TimeSpan.Zero;
        var caseIds = await UnderLoadAsync(cluster, staff, async () =>
        {
            fault = cluster.Clock.Elapsed;
            await cluster.KillAsync(1);
            await Task.Delay(TimeSpan.FromSeconds(6));
            cluster.Start(1);
            await cluster.WaitUntilReadyAsync(1);
        });

        await AssertConsistentAsync(cluster, staff, caseIds, "host SIGKILL", fault);
        Dispose(staff);
    }

    [Fact]
    public async Task a_postgres_crash_and_restart_loses_nothing_acknowledged_applies_nothing_twice_and_answers_no_500()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres);
        var staff = await SignInAsync(cluster);

        var fault = TimeSpan.Zero;
        var caseIds = await UnderLoadAsync(cluster, staff, async () =>
        {
            fault = cluster.Clock.Elapsed;
            await postgres.CrashAndRestartAsync();
            output.WriteLine($"PostgreSQL was down and recovering for {(cluster.Clock.Elapsed - fault).TotalSeconds:F1} s");
            await Task.Delay(TimeSpan.FromSeconds(3));
        });

        await AssertConsistentAsync(cluster, staff, caseIds, "PostgreSQL crash-restart", fault);
        Dispose(staff);
    }

    [Fact]
    public async Task a_rolling_restart_of_every_host_loses_nothing_acknowledged_and_applies_nothing_twice()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres);
        var staff = await SignInAsync(cluster);

        var fault = TimeSpan.Zero;
        var caseIds = await UnderLoadAsync(cluster, staff, async () =>
        {
            fault = cluster.Clock.Elapsed;
            for (var host = 0; host < cluster.Size; host++)
            {
                await cluster.StopAsync(host);
                cluster.Start(host);
                await cluster.WaitUntilReadyAsync(host);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });

        await AssertConsistentAsync(cluster, staff, caseIds, "rolling restart", fault);

        // The SLA watcher and dispatcher run on every restarted host (a pass on each answers), and the inbox holds
        // no escalation twice.
        using var supervisor = await ClusterClient.SignInAsync(cluster, "supervisor");
        for (var host = 0; host < cluster.Size; host++)
        {
            var (status, body) = await supervisor.CommandAsync("/api/sla/watch", new { }, host);
            Assert.True(status == 200, body);
        }

        Assert.Equal(0L, await cluster.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT recipient, case_id, seq FROM window_inbox GROUP BY recipient, case_id, seq HAVING COUNT(*) > 1) twice"));
        Dispose(staff);
    }

    /// <summary>
    /// Runs the workers for 2 s, then <paramref name="fault"/>, then stops them; each finishes the case it is on. Returns
    /// every case driven to delivery.
    /// </summary>
    private static async Task<string[]> UnderLoadAsync(LocalCluster cluster, Dictionary<string, ClusterClient> staff, Func<Task> fault)
    {
        var stop = false;
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var cases = new List<string>();
            for (var n = 0; !Volatile.Read(ref stop); n++)
            {
                cases.Add(await RunJourneyAsync(cluster, staff, worker + (n * Workers)));
            }

            return cases;
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await fault();
        Volatile.Write(ref stop, true);
        return [.. (await Task.WhenAll(workers)).SelectMany(cases => cases)];
    }

    private static async Task<Dictionary<string, ClusterClient>> SignInAsync(LocalCluster cluster)
    {
        var staff = new Dictionary<string, ClusterClient>();
        foreach (var user in LocalCluster.Departments.Append("desk").Append("officer"))
        {
            staff[user] = await ClusterClient.SignInAsync(cluster, user);
        }

        return staff;
    }

    private static void Dispose(Dictionary<string, ClusterClient> staff)
    {
        foreach (var client in staff.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>Opens a case and drives every step to approval, each command on a rotating host, then delivers.</summary>
    private static async Task<string> RunJourneyAsync(LocalCluster cluster, Dictionary<string, ClusterClient> staff, int index)
    {
        var first17 = $"3301061990{(index % 12) + 1:D2}{(index % 28) + 1:D2}{index % 1000:D3}";
        var idNumber = first17 + Host.Privacy.IdNumbers.CheckCharacter(first17);
        var catalog = await staff["desk"].GetAsync<CatalogDto>("/api/catalog", index);
        var materials = catalog.Bundles.Single(b => b.Id == LocalCluster.Bundle).Materials.Where(m => m.Required).Select(m => m.Id).ToArray();
        var (status, body) = await staff["desk"].CommandAsync("/api/cases", new
        {
            talent = new { name = "测试人才", idNumber, phone = "13800000000", tier = "C" },
            items = new[] { LocalCluster.Bundle },
            materials,
            deferred = Array.Empty<object>(),
        }, index);
        Assert.True(status == 201, body);
        var caseId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        for (var round = 0; round < 40; round++)
        {
            var current = await staff["officer"].GetAsync<CaseDto>($"/api/cases/{caseId}", index + round);
            if (current.Status != "open")
            {
                break;
            }

            foreach (var step in current.Steps.Where(s => s.Status is "ready" or "claimed"))
            {
                var (completed, answer) = await staff[step.Department!].CommandAsync($"/api/cases/{caseId}/steps/{step.Id}/complete", new { outcome = "approve" }, index + round);
                Assert.True(completed is 200 or 409, answer);
            }
        }

        var (delivered, text) = await staff["desk"].CommandAsync($"/api/cases/{caseId}/delivery", new { method = "post" }, index);
        Assert.True(delivered == 200, text);
        return caseId;
    }

    private async Task AssertConsistentAsync(
        LocalCluster cluster, Dictionary<string, ClusterClient> staff, string[] caseIds, string faultName, TimeSpan fault)
    {
        var acknowledgedCompletions = LocalCluster.Departments.Sum(d => staff[d].Acknowledged.Count);
        var longest = staff.Values.Max(c => c.LongestCommand);
        output.WriteLine(
            $"{faultName}: {caseIds.Length} cases, {staff.Values.Sum(c => c.Acknowledged.Count)} acknowledged commands, " +
            $"{staff.Values.Sum(c => c.Retries)} retried attempts, {staff.Values.Sum(c => c.Unavailable)} answers 503, " +
            $"{staff.Values.Sum(c => c.ServerErrors.Count)} other 5xx, longest command {longest.TotalSeconds:F1} s");
        output.WriteLine(FailoverTimeline.Of([.. staff.Values.SelectMany(c => c.Attempts)], fault).ToString());
        output.WriteLine($"the slowest command (fault at +{fault.TotalSeconds:F1} s): {staff.Values.MaxBy(c => c.LongestCommand)!.SlowestCommand}");
        foreach (var (cause, count) in Enumerable.Range(0, cluster.Size)
            .SelectMany(host => cluster.Output(host).Split('\n'))
            .Where(line => line.Contains("Answered 503", StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line[(line.IndexOf("Answered 503", StringComparison.Ordinal) + 13)..], "[0-9a-f]{16,}|S127[^ ]*|#[0-9]+", "…"))
            .Select(cause => cause.Length > 160 ? cause[..160] : cause)
            .CountBy(cause => cause))
        {
            output.WriteLine($"  {count} × 503 {cause}");
        }
        Assert.Empty(staff.Values.SelectMany(c => c.ServerErrors));

        // Failures crossed silos with their reason (StorageFailureException), not as a driver exception no silo can read.
        Assert.All(Enumerable.Range(0, cluster.Size), host => Assert.DoesNotContain("CodecNotFoundException", cluster.Output(host), StringComparison.Ordinal));
        Assert.True(longest < LongestAcceptable, $"a command waited {longest.TotalSeconds:F1} s for its answer");
        var completions = 0;
        foreach (var caseId in caseIds)
        {
            var view = await staff["officer"].GetAsync<CaseDto>($"/api/cases/{caseId}", 0);
            var timeline = await staff["officer"].GetAsync<List<TimelineEntryDto>>($"/api/cases/{caseId}/timeline", 0);
            Assert.Equal("delivered", view.Status);
            Assert.Equal(timeline.Count, timeline.Select(e => e.Seq).Distinct().Count());
            var completed = timeline.Where(e => e.Kind == "step-completed").Select(e => e.Step).ToList();
            Assert.Equal(completed.Count, completed.Distinct().Count());
            Assert.Single(timeline, e => e.Kind == "delivered");
            completions += completed.Count;
            var stored = await cluster.ScalarAsync<long>("SELECT version FROM window_cases WHERE case_id = @id", ("id", caseId));
            Assert.Equal(view.Version, stored);
            Assert.Equal("delivered", await cluster.ScalarAsync<string>("SELECT status FROM window_cases WHERE case_id = @id", ("id", caseId)));
        }

        Assert.Equal(acknowledgedCompletions, completions);
    }
}
