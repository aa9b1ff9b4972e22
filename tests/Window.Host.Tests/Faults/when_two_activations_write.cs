using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Window.Grains;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Faults;

public sealed class when_two_activations_write(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task the_one_writing_from_a_stale_etag_loses_with_a_503_is_deactivated_and_nothing_acknowledged_is_lost(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.Officer();
        await (await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "第一次咨询" })).ReadAsync<CaseDto>();

        // A second activation of the same case (as after a network partition) reads the stored state and writes first.
        var storage = app.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = GrainId.Create("case", opened.Id);
        var twin = new GrainState<CaseState>();
        await storage.ReadStateAsync("case", id, twin);
        twin.State = twin.State! with { Trips = twin.State.Trips + 1, Version = twin.State.Version + 1 };
        await storage.WriteStateAsync("case", id, twin);

        var loser = await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "第二次咨询" }, "second-visit");
        var retry = await officer.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = "第二次咨询" }, "second-visit");
        var after = await officer.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        // The loser's activation ended (Orleans deactivates on a version conflict): a busy answer, and the retry reads the twin's state.
        Assert.Equal("write_conflict", (await loser.ProblemAsync(503)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(4, after.Trips);
        Assert.Equal(twin.State.Version + 1, after.Version);
    }
}
