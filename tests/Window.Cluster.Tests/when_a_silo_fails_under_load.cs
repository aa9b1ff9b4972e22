using System.Text.Json;
using Window.Host.Api;
using Window.Testing;

namespace Window.Cluster.Tests;

[Collection(PostgresCollection.Name)]
public sealed class when_a_silo_fails_under_load(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Cases = 24;

    [Fact]
    public async Task a_killed_host_loses_nothing_acknowledged_and_applies_nothing_twice()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres);
        var staff = new Dictionary<string, ClusterClient>();
        foreach (var user in LocalCluster.Departments.Append("desk").Append("officer"))
        {
            staff[user] = await ClusterClient.SignInAsync(cluster, user);
        }

        var journeys = Enumerable.Range(0, Cases).Select(i => RunJourneyAsync(cluster, staff, i)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await cluster.KillAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(6));
        cluster.Start(1);
        await cluster.WaitUntilReadyAsync(1);
        var caseIds = await Task.WhenAll(journeys);

        await AssertConsistentAsync(cluster, staff, caseIds);
        foreach (var client in staff.Values)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task a_rolling_restart_of_every_host_loses_nothing_acknowledged_and_applies_nothing_twice()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres);
        var staff = new Dictionary<string, ClusterClient>();
        foreach (var user in LocalCluster.Departments.Append("desk").Append("officer"))
        {
            staff[user] = await ClusterClient.SignInAsync(cluster, user);
        }

        var journeys = Enumerable.Range(0, Cases).Select(i => RunJourneyAsync(cluster, staff, i)).ToList();
        for (var host = 0; host < cluster.Size; host++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await cluster.StopAsync(host);
            cluster.Start(host);
            await cluster.WaitUntilReadyAsync(host);
        }

        var caseIds = await Task.WhenAll(journeys);

        await AssertConsistentAsync(cluster, staff, caseIds);

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

    private async Task AssertConsistentAsync(LocalCluster cluster, Dictionary<string, ClusterClient> staff, string[] caseIds)
    {
        var acknowledgedCompletions = LocalCluster.Departments.Sum(d => staff[d].Acknowledged.Count);
        output.WriteLine(
            $"{caseIds.Length} cases, {staff.Values.Sum(c => c.Acknowledged.Count)} acknowledged commands, {staff.Values.Sum(c => c.Retries)} retried attempts, " +
            $"longest command {staff.Values.Max(c => c.LongestCommand).TotalSeconds:F1} s");
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
