using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Window.Storage;
using Window.Storage.Identity;
using Window.Testing;

namespace Window.Cluster.Tests;

/// <summary>Issue 25 on a two-host PostgreSQL cluster: a version published on host A opens cases on host B within seconds, without a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class when_a_workflow_is_published_on_one_host(PostgresServer postgres)
{
    private const string Item = "medical-checkup";

    [Fact]
    public async Task host_b_opens_cases_on_the_new_version_within_seconds_and_a_case_opened_before_completes_on_the_old_one()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres, size: 2);
        var admin = new UserRecord("cluster-admin", "系统管理员", "admin", null, "", 0, null, true);
        await new UserStore(WindowDatabase.PostgreSql(cluster.ConnectionString)).CreateAsync(
            admin with { PasswordHash = new PasswordHasher<UserRecord>().HashPassword(admin, LocalCluster.Password) }, DateTimeOffset.UtcNow);
        using var administrator = await ClusterClient.SignInAsync(cluster, "cluster-admin");
        using var desk = await ClusterClient.SignInAsync(cluster, "desk");
        using var health = await ClusterClient.SignInAsync(cluster, "health");
        var before = await OpenAsync(desk, host: 1, index: 1);
        Assert.Equal(1, Version(before));

        var published = await administrator.GetAsync<JsonElement>($"/api/admin/workflows/{Item}/versions/1", preferredHost: 0);
        var next = JsonNode.Parse(published.GetRawText())!;
        next["steps"]![0]!["limitDays"] = 2;
        var (created, draft) = await administrator.CommandAsync($"/api/admin/workflows/{Item}/drafts", next, preferredHost: 0);
        Assert.True(created == 201, draft);
        var draftId = JsonDocument.Parse(draft).RootElement.GetProperty("draftId").GetString();
        var (status, body) = await administrator.CommandAsync($"/api/admin/workflows/{Item}/drafts/{draftId}/publish", new { }, preferredHost: 0);
        Assert.True(status == 201, body);
        var watch = Stopwatch.StartNew();

        var limit = 3;
        while (limit != 2 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
            var catalog = await desk.GetAsync<JsonElement>("/api/catalog", preferredHost: 1);
            limit = catalog.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == Item).GetProperty("steps")[0].GetProperty("limitDays").GetInt32();
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"host B saw the publication only after {watch.Elapsed.TotalSeconds:F1} s");
        var after = await OpenAsync(desk, host: 1, index: 2);
        Assert.Equal(2, Version(after));

        foreach (var (running, version) in new[] { (before, 1), (after, 2) })
        {
            var id = running.GetProperty("id").GetString();
            var (done, answer) = await health.CommandAsync($"/api/cases/{id}/steps/{Item}.checkup-arrangement/complete", new { outcome = "approve" }, preferredHost: 1);
            Assert.True(done is 200 or 201, answer);
            var completed = JsonDocument.Parse(answer).RootElement;
            Assert.Equal("completed", completed.GetProperty("status").GetString());
            Assert.Equal(version, Version(completed));
        }
    }

    private static int Version(JsonElement opened) => opened.GetProperty("items")[0].GetProperty("version").GetInt32();

    private static async Task<JsonElement> OpenAsync(ClusterClient desk, int host, int index)
    {
        var first17 = $"33010619850{index % 9 + 1}1{index % 10}{index:D3}"[..17];
        var (status, body) = await desk.CommandAsync("/api/cases", new
        {
            talent = new { name = "测试人才", idNumber = first17 + Host.Privacy.IdNumbers.CheckCharacter(first17), phone = "13800000000", tier = "C" },
            items = new[] { Item },
            materials = new[] { "identity-card", "health-questionnaire" },
            deferred = Array.Empty<object>(),
        }, host);
        Assert.True(status == 201, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
