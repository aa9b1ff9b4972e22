using System.Net;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Faults;

public sealed class when_storage_fails(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, StorageFault.FailBeforeCommit)]
    [InlineData(DatabaseProvider.Sqlite, StorageFault.FailAfterCommit)]
    [InlineData(DatabaseProvider.Sqlite, StorageFault.TimeoutAfterCommit)]
    [InlineData(DatabaseProvider.PostgreSql, StorageFault.FailBeforeCommit)]
    [InlineData(DatabaseProvider.PostgreSql, StorageFault.FailAfterCommit)]
    [InlineData(DatabaseProvider.PostgreSql, StorageFault.TimeoutAfterCommit)]
    public async Task a_failed_write_is_answered_503_never_acknowledged_and_its_retry_has_exactly_one_effect(DatabaseProvider provider, StorageFault fault)
    {
        var plan = new FaultPlan(provider);
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: services => FaultyGrainStorage.Install(services, plan));
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var health = app.Department("health");
        var path = $"/api/cases/{opened.Id}/steps/medical-checkup.checkup-arrangement/complete";

        plan.FailNextCaseWrite(fault);
        var failed = await health.CommandAsync(path, new { outcome = "approve" }, "decide-once");
        var between = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var retried = await health.CommandAsync(path, new { outcome = "approve" }, "decide-once");
        var after = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        var problem = await failed.ProblemAsync(503);
        Assert.Equal(fault == StorageFault.TimeoutAfterCommit ? "timeout" : "storage_unavailable", problem.GetProperty("code").GetString());
        Assert.True(int.Parse(failed.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(fault == StorageFault.FailBeforeCommit ? "open" : "completed", between.Status);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(fault != StorageFault.FailBeforeCommit, retried.Headers.Contains(IdempotencyGate.ReplayedHeader));
        Assert.Equal("completed", after.Status);
        Assert.Single(timeline, entry => entry.Kind == "step-completed");
    }
}
